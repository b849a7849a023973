import { existsSync } from "node:fs";
import { InputError } from "../errors.js";
import type { Image3D, Vec3, VoxelArray } from "../image/types.js";

/**
 * Reads a 3D scalar image (NRRD, NIfTI, MetaImage, … — whatever itk-wasm's image-io reads).
 * itk-wasm uses top-level await, so it is imported lazily here and nowhere at module top.
 */
export async function readImage(path: string): Promise<Image3D> {
  if (!existsSync(path)) throw new InputError(`image file not found: ${path}`);
  const { readImageNode } = await import("@itk-wasm/image-io");
  let itkImage;
  try {
    itkImage = await readImageNode(path);
  } catch (err) {
    throw new InputError(`cannot read image ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (itkImage.imageType.components !== 1) {
    throw new InputError(`${path}: expected a scalar image, found ${itkImage.imageType.components} components per voxel`);
  }
  if (itkImage.imageType.dimension !== 3 || itkImage.size.length !== 3) {
    throw new InputError(`${path}: expected a 3D image, found dimension ${itkImage.imageType.dimension} (size ${itkImage.size.join("×")})`);
  }
  return {
    data: itkImage.data as VoxelArray,
    size: [...itkImage.size] as Vec3,
    spacing: [...itkImage.spacing] as Vec3,
    origin: [...itkImage.origin] as Vec3,
    direction: Array.from(itkImage.direction as ArrayLike<number>),
  };
}
