import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBackendChoice } from '../../native-bindings/backend-choice.js';
import { describeTfBackend } from '../../native-bindings/describe-backend.js';
import { loadTfBackend } from '../../native-bindings/load-backend.js';
import { DriftgaugeError } from '../../src/errors.js';
import { type CompiledBindings, compileBindings } from './compiled-bindings.js';

const BANNER = /looks like you are running TensorFlow\.js in Node|tfjs-node/;
/** This machine has no NVIDIA device; on one that has, the fake tfjs-node-gpu is loaded and fails. */
const NO_GPU_REASON = existsSync('/dev/nvidia0')
  ? 'libtensorflow failed to load: tfjs-node-gpu was loaded without a CUDA device check'
  : 'no CUDA device (no /dev/nvidia0, no NVIDIA driver)';

function runNode(dir: string, script: string, env: Record<string, string> = {}): { out: string; err: string } {
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, script);
  const res = { out: '', err: '' };
  try {
    res.out = execFileSync(process.execPath, [file], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const failed = e as { stdout: string; stderr: string };
    throw new Error(`child failed: ${failed.stderr}`);
  }
  return res;
}

/** Runs a script and returns stdout and stderr together (stderr captured via a redirect of fd 2). */
function runNodeBoth(dir: string, script: string, env: Record<string, string> = {}): string {
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, script);
  return execFileSync('/bin/sh', ['-c', `"${process.execPath}" "${file}" 2>&1`], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
}

describe('loadTfBackend on this machine (no tfjs-node installed)', () => {
  it('auto chooses wasm and says why node-gpu and node were skipped', async () => {
    const loaded = await loadTfBackend('auto');
    expect(loaded.backend).toBe('wasm');
    expect(loaded.tfBackend).toBe('wasm');
    expect(loaded.tf?.getBackend()).toBe('wasm');
    expect(loaded.skipped).toEqual([
      { name: 'node-gpu', reason: 'not installed' },
      { name: 'node', reason: 'not installed' },
    ]);
    expect(loaded.wasm?.simd).toBe(true);
    expect(loaded.wasm?.binary).toBe('tfjs-backend-wasm-simd.wasm');
    expect(loaded.wasm?.threads).toBe(false);
    expect(loaded.wasm?.threadsNote).toMatch(/tfjs#3830/);
    expect(loaded.wasm?.dir).toMatch(/node_modules[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]$/);
  });

  it('computes on the chosen backend', async () => {
    const { tf } = await loadTfBackend('auto');
    if (tf === null) throw new Error('no tf');
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[1, 0], [0, 1]])).dataSync());
    expect(Array.from(product)).toEqual([1, 2, 3, 4]);
  });

  it('caches per choice and re-activates the cached backend after a switch', async () => {
    const first = await loadTfBackend('auto');
    const cpu = await loadTfBackend('cpu');
    expect(cpu.backend).toBe('cpu');
    expect(cpu.skipped).toEqual([]);
    expect(cpu.tf?.getBackend()).toBe('cpu');
    const again = await loadTfBackend('auto');
    expect(again).toBe(first);
    expect(again.tf?.getBackend()).toBe('wasm');
  });

  it('fails a forced backend that cannot load with DRIFTGAUGE_ERR_TF_BACKEND', async () => {
    for (const forced of ['node', 'node-gpu'] as const) {
      const err = await loadTfBackend(forced).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DriftgaugeError);
      expect((err as DriftgaugeError).code).toBe('DRIFTGAUGE_ERR_TF_BACKEND');
      expect((err as DriftgaugeError).message).toBe(`TF.js backend '${forced}' was forced but cannot be loaded: not installed`);
    }
  });

  it('off loads nothing and returns no tf', async () => {
    const off = await loadTfBackend('off');
    expect(off).toMatchObject({ choice: 'off', backend: null, tfBackend: null, tf: null, skipped: [] });
  });

  it('summarises the choice as JSON for /readyz and the startup log', async () => {
    const summary = describeTfBackend(await loadTfBackend('auto'));
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(summary).toMatchObject({ choice: 'auto', backend: 'wasm', wasm: { simd: true, threads: false, threadsCount: 1 } });
    expect(summary.skipped.map((s) => s.name)).toEqual(['node-gpu', 'node']);
  });
});

describe('parseBackendChoice', () => {
  it('reads DRIFTGAUGE_TF_BACKEND, defaulting to auto', () => {
    expect(parseBackendChoice(undefined)).toBe('auto');
    expect(parseBackendChoice('')).toBe('auto');
    expect(parseBackendChoice(' WASM ')).toBe('wasm');
    expect(parseBackendChoice('off')).toBe('off');
  });

  it('rejects anything else with DRIFTGAUGE_ERR_CONFIG', () => {
    expect(() => parseBackendChoice('webgl')).toThrowError(expect.objectContaining({ code: 'DRIFTGAUGE_ERR_CONFIG' }));
  });
});

describe('loadTfBackend in a fresh process', () => {
  let bindings: CompiledBindings;
  beforeAll(() => {
    bindings = compileBindings([
      {
        // Installed; loading it without a CUDA device must not even be tried.
        name: '@tensorflow/tfjs-node-gpu',
        source: "throw new Error('tfjs-node-gpu was loaded without a CUDA device check');\n",
      },
      {
        // Installed, but its native library is missing, as when libtensorflow did not download.
        name: '@tensorflow/tfjs-node',
        source:
          "const e = new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory'); e.code = 'ERR_DLOPEN_FAILED'; throw e;\n",
      },
    ]);
  });
  afterAll(() => bindings.remove());

  it('keeps the "install the node backend" banner off stdout and stderr', () => {
    const output = runNodeBoth(
      bindings.dir,
      `import { loadTfBackend } from './native-bindings/load-backend.js';
       for (const choice of ['auto', 'cpu', 'wasm', 'cpu']) {
         const { tf } = await loadTfBackend(choice);
         tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.scalar(1)).dataSync());
       }
       process.stdout.write('done\\n');`,
    );
    expect(output).toBe('done\n');
  });

  it('the banner test can fail: plain tfjs-backend-cpu prints it', () => {
    const output = runNodeBoth(
      bindings.dir,
      `const tf = await import('@tensorflow/tfjs-core');
       await import('@tensorflow/tfjs-backend-cpu');
       await tf.setBackend('cpu');
       tf.tensor1d([1]).dispose();`,
    );
    expect(output).toMatch(BANNER);
  });

  it('tells an installed tfjs-node that fails to load, and tfjs-node-gpu without a CUDA device, apart from a missing one', () => {
    const { out } = runNode(
      bindings.dir,
      `import { loadTfBackend } from './native-bindings/load-backend.js';
       const r = await loadTfBackend('auto');
       let forced; try { await loadTfBackend('node'); } catch (e) { forced = e.code + ': ' + e.message; }
       console.log(JSON.stringify({ backend: r.backend, skipped: r.skipped, forced }));`,
    );
    expect(JSON.parse(out)).toEqual({
      backend: 'wasm',
      skipped: [
        { name: 'node-gpu', reason: NO_GPU_REASON },
        {
          name: 'node',
          reason: 'libtensorflow failed to load: libtensorflow.so.2: cannot open shared object file: No such file or directory',
        },
      ],
      forced:
        "DRIFTGAUGE_ERR_TF_BACKEND: TF.js backend 'node' was forced but cannot be loaded: libtensorflow failed to load: libtensorflow.so.2: cannot open shared object file: No such file or directory",
    });
  });

  it('reads DRIFTGAUGE_TF_BACKEND when no choice is passed', () => {
    const { out } = runNode(
      bindings.dir,
      `import { loadTfBackend } from './native-bindings/load-backend.js';
       const r = await loadTfBackend();
       console.log(r.backend);`,
      { DRIFTGAUGE_TF_BACKEND: 'cpu' },
    );
    expect(out.trim()).toBe('cpu');
  });

  it('off imports no TF.js module at all', () => {
    const { out } = runNode(
      bindings.dir,
      `import { createRequire } from 'node:module';
       import { loadTfBackend } from './native-bindings/load-backend.js';
       const r = await loadTfBackend('off');
       const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => k.includes('@tensorflow'));
       console.log(JSON.stringify({ backend: r.backend, tf: r.tf, loaded }));`,
      { DRIFTGAUGE_TF_BACKEND: 'wasm' },
    );
    expect(JSON.parse(out)).toEqual({ backend: null, tf: null, loaded: [] });
  });
});
