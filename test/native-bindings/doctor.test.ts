import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectDoctorInfo, doctorJson, formatDoctor, runDoctor } from '../../src/cli/doctor-command.js';

async function capture(): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await runDoctor(out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('driftgauge doctor', () => {
  it('shows runtime, cores, pool size, the wasm backend and why tfjs-node was skipped', async () => {
    const text = await capture();
    expect(text).toContain(`runtime:     node ${process.version} (${process.platform} ${process.arch})`);
    expect(text).toMatch(/^cores: +\d+$/m);
    expect(text).toMatch(/^pool size: +\d+ /m);
    expect(text).toMatch(/^TF backend: +wasm \(/m);
    expect(text).toMatch(/^wasm: +SIMD yes, threads no \(/m);
    expect(text).toMatch(/^skipped: +node-gpu: not installed\n +node: not installed$/m);
    expect(text).toMatch(/^kernels: +binCounts typed/m);
  });

  it('reads DRIFTGAUGE_POOL_SIZE and reports a bad value', async () => {
    expect((await collectDoctorInfo({ DRIFTGAUGE_POOL_SIZE: '3' })).pool).toEqual({ size: 3, source: 'DRIFTGAUGE_POOL_SIZE' });
    expect((await collectDoctorInfo({ DRIFTGAUGE_POOL_SIZE: 'many' })).pool.source).toMatch(/not a positive integer/);
  });

  it('prints a forced backend that cannot load, with its code', async () => {
    const info = await collectDoctorInfo({ DRIFTGAUGE_TF_BACKEND: 'node' });
    expect(info.tfError?.code).toBe('DRIFTGAUGE_ERR_TF_BACKEND');
    expect(formatDoctor(info)).toContain("DRIFTGAUGE_ERR_TF_BACKEND: TF.js backend 'node' was forced but cannot be loaded: not installed");
    expect(doctorJson(info)).toMatchObject({ tf_backend: null, error: { code: 'DRIFTGAUGE_ERR_TF_BACKEND' } });
  });

  it('says when TF.js is off', async () => {
    const info = await collectDoctorInfo({ DRIFTGAUGE_TF_BACKEND: 'off' });
    expect(formatDoctor(info)).toMatch(/TF backend: +none \(DRIFTGAUGE_TF_BACKEND=off/);
    expect(doctorJson(info)).toMatchObject({ tf_backend: { choice: 'off', backend: null, skipped: [] } });
  });
});
