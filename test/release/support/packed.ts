import { createPackDirectory, packPackage, type PackedPackage } from '../../../scripts/release/pack.ts';
import { listPublishablePackages } from '../../../scripts/release/publishable.ts';

/** Packs every publishable package once into a scratch directory outside the repository. */
export function packAll(): { packed: PackedPackage[]; dir: string; remove(): void } {
  const scratch = createPackDirectory();
  try {
    const packed = listPublishablePackages().map(({ manifest }) => packPackage(manifest.name, scratch.dir));
    return { packed, dir: scratch.dir, remove: scratch.remove };
  } catch (error) {
    scratch.remove();
    throw error;
  }
}
