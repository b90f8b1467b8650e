/**
 * Whether this machine has a CUDA device, checked before loading
 * tfjs-node-gpu: with no device its libtensorflow either fails to load
 * (no CUDA libraries) or silently runs on the CPU, and neither is what
 * "node-gpu" promises.
 */
import { existsSync, readdirSync } from 'node:fs';

/** `null` when a CUDA device is visible, otherwise why there is none. */
export function cudaDeviceMissing(platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'darwin') return 'no CUDA device (CUDA is not available on macOS)';
  if (platform === 'win32') return null; // no cheap probe: let libtensorflow decide
  if (existsSync('/dev/nvidia0')) return null;
  try {
    if (readdirSync('/proc/driver/nvidia/gpus').length > 0) return null;
  } catch {
    // no NVIDIA driver loaded
  }
  return 'no CUDA device (no /dev/nvidia0, no NVIDIA driver)';
}
