import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "../errors.js";
import type { Image3D } from "../image/types.js";
import { formatFromName } from "./read.js";

/** itk-wasm component type name of a typed array. */
function componentType(data: Image3D["data"]): string {
  const map: [Function, string][] = [
    [Float64Array, "float64"], [Float32Array, "float32"], [Int32Array, "int32"], [Uint32Array, "uint32"],
    [Int16Array, "int16"], [Uint16Array, "uint16"], [Int8Array, "int8"], [Uint8Array, "uint8"],
  ];
  return map.find(([C]) => data instanceof (C as never))![1];
}

/**
 * Writes a 3D image as NRRD, NIfTI or MetaImage (chosen by extension; `.nii.gz` and `compress: true`
 * gzip the voxels). Geometry (origin, spacing, direction) and voxel type are preserved.
 */
export async function writeImage(image: Image3D, path: string, opts: { compress?: boolean } = {}): Promise<void> {
  const format = formatFromName(path);
  if (!format) throw new InputError(`${path}: unknown output image format (use .nrrd, .nii, .nii.gz, .mha or .mhd)`);
  const n = image.size[0] * image.size[1] * image.size[2];
  if (image.data.length !== n) throw new InputError(`writeImage ${path}: ${image.data.length} voxels for size ${image.size.join("×")}`);
  mkdirSync(dirname(path), { recursive: true });
  const { writeImageNode } = await import("@itk-wasm/image-io");
  const itkImage = {
    imageType: { dimension: 3, componentType: componentType(image.data), pixelType: "Scalar", components: 1 },
    name: "image",
    origin: [...image.origin],
    spacing: [...image.spacing],
    direction: Float64Array.from(image.direction),
    size: [...image.size],
    metadata: new Map(),
    data: image.data,
  };
  const compress = opts.compress ?? path.toLowerCase().endsWith(".gz");
  await writeImageNode(itkImage as unknown as Parameters<typeof writeImageNode>[0], path, { useCompression: compress });
}
