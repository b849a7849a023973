import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { InputError } from "../errors.js";
import type { Image3D, Vec3, VoxelArray } from "../image/types.js";

/** Image file formats the project reads and writes. */
export type ImageFormat = "nrrd" | "nifti" | "metaimage";

/** Format from the file name (.nrrd/.nhdr, .nii/.nii.gz, .mha/.mhd), else null. */
export function formatFromName(path: string): ImageFormat | null {
  const p = path.toLowerCase();
  if (p.endsWith(".nrrd") || p.endsWith(".nhdr")) return "nrrd";
  if (p.endsWith(".nii") || p.endsWith(".nii.gz")) return "nifti";
  if (p.endsWith(".mha") || p.endsWith(".mhd")) return "metaimage";
  return null;
}

/** Format from the first bytes: "NRRD" magic, MetaImage keys, NIfTI-1/2 header size, gzip → NIfTI. */
export function sniffFormat(path: string): ImageFormat | null {
  const fd = openSync(path, "r");
  const head = Buffer.alloc(352);
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const text = head.subarray(0, n).toString("latin1");
  if (text.startsWith("NRRD")) return "nrrd";
  if (/^(ObjectType|NDims)\s*=/m.test(text)) return "metaimage";
  if (n >= 4 && (head.readInt32LE(0) === 348 || head.readInt32BE(0) === 348 || head.readInt32LE(0) === 540)) return "nifti";
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "nifti";
  return null;
}

/** Converts an itk-wasm image (after checks) into the project's Image3D. */
function toImage3D(itkImage: { imageType: { components: number; dimension: number }; size: number[]; spacing: number[]; origin: number[]; direction: ArrayLike<number>; data: unknown }, path: string): Image3D {
  if (itkImage.imageType.components !== 1) {
    throw new InputError(`${path}: expected a scalar image, found ${itkImage.imageType.components} components per voxel`);
  }
  if (itkImage.imageType.dimension !== 3 || itkImage.size.length !== 3) {
    throw new InputError(`${path}: expected a 3D image, found dimension ${itkImage.imageType.dimension} (size ${itkImage.size.join("×")})`);
  }
  const data = itkImage.data as VoxelArray | null;
  const n = itkImage.size[0]! * itkImage.size[1]! * itkImage.size[2]!;
  if (!data || data.length !== n) throw new InputError(`${path}: voxel data holds ${data?.length ?? 0} values, expected ${n} (truncated file?)`);
  if (!(data instanceof Float64Array || data instanceof Float32Array || data instanceof Int32Array || data instanceof Uint32Array || data instanceof Int16Array || data instanceof Uint16Array || data instanceof Int8Array || data instanceof Uint8Array)) {
    throw new InputError(`${path}: voxel type ${(data as object).constructor.name} is not supported (64-bit integers?)`);
  }
  return {
    data,
    size: [...itkImage.size] as Vec3,
    spacing: [...itkImage.spacing] as Vec3,
    origin: [...itkImage.origin] as Vec3,
    direction: Array.from(itkImage.direction),
  };
}

/**
 * Reads a 3D scalar image: NRRD (.nrrd/.nhdr, raw or gzip), NIfTI (.nii/.nii.gz), MetaImage (.mha/.mhd),
 * through itk-wasm (ITK's readers: LPS geometry, NIfTI sform/qform handled by ITK). A folder is read as a
 * single DICOM series. Missing, unknown-format, truncated, non-scalar or non-3D files are InputErrors.
 * itk-wasm uses top-level await, so it is imported lazily here and nowhere at module top.
 * `role` names the file in the not-found message ("mask", "label", …): callers know what the file is for.
 */
export async function readImage(path: string, role = "image"): Promise<Image3D> {
  if (!existsSync(path)) throw new InputError(`${role} file not found: ${path}`);
  if (statSync(path).isDirectory()) {
    const { readDicomSeries } = await import("./dicom.js");
    return readDicomSeries(path);
  }
  if (statSync(path).size === 0) throw new InputError(`${path}: file is empty`);
  const format = formatFromName(path) ?? sniffFormat(path);
  if (!format) throw new InputError(`${path}: unknown image format (expected .nrrd/.nhdr, .nii/.nii.gz, .mha/.mhd or a DICOM folder)`);
  const { readImageNode } = await import("@itk-wasm/image-io");
  let itkImage;
  try {
    itkImage = await readImageNode(path);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new InputError(`cannot read ${format} image ${path} (corrupt or truncated file?): ${why.split("\n")[0]}`);
  }
  const image = toImage3D(itkImage as unknown as Parameters<typeof toImage3D>[0], path);
  checkComplete(path, format, image.data.length * image.data.BYTES_PER_ELEMENT);
  return image;
}

/**
 * ITK silently zero-fills truncated NIfTI and MetaImage voxel data, so the file length is checked here:
 * the (decompressed) file must hold header + all voxels. NRRD truncation is caught by ITK itself.
 */
function checkComplete(path: string, format: ImageFormat, dataBytes: number): void {
  const truncated = (have: number, need: number) =>
    new InputError(`${path}: ${format} file is truncated (${have} bytes of voxel data, expected ${need})`);
  if (format === "nifti") {
    let buf: Buffer = readFileSync(path);
    if (buf[0] === 0x1f && buf[1] === 0x8b) {
      try {
        buf = gunzipSync(buf);
      } catch (e) {
        throw new InputError(`${path}: gzip stream is corrupt or truncated (${(e as Error).message})`);
      }
    }
    const le = buf.readInt32LE(0) === 348 || buf.readInt32LE(0) === 540;
    const nifti2 = (le ? buf.readInt32LE(0) : buf.readInt32BE(0)) === 540;
    const offset = nifti2 ? Number(le ? buf.readBigInt64LE(168) : buf.readBigInt64BE(168)) : le ? buf.readFloatLE(108) : buf.readFloatBE(108);
    if (buf.length - offset < dataBytes) throw truncated(buf.length - offset, dataBytes);
  } else if (format === "metaimage") {
    const buf = readFileSync(path);
    const header = buf.subarray(0, Math.min(buf.length, 4096)).toString("latin1");
    if (/CompressedData\s*=\s*True/i.test(header)) return; // zlib stream: ITK reports truncation
    const m = /ElementDataFile\s*=\s*(.+?)\r?\n/.exec(header);
    if (!m) return;
    if (m[1]!.trim() === "LOCAL") {
      const have = buf.length - (m.index + m[0].length);
      if (have < dataBytes) throw truncated(have, dataBytes);
    } else if (!/[%\s]/.test(m[1]!.trim()) && m[1]!.trim() !== "LIST") {
      // detached single data file next to the .mhd
      const dataPath = join(dirname(path), m[1]!.trim());
      const have = existsSync(dataPath) ? statSync(dataPath).size : 0;
      if (have < dataBytes) throw new InputError(`${path}: data file ${dataPath} holds ${have} bytes, expected ${dataBytes} (missing or truncated)`);
    }
  }
}
