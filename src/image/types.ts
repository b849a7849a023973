/**
 * The one image model of the project (shared contract between io/, image/, filters/, features/).
 *
 * Voxel order is ITK's: x (column) fastest, then y (row), then z (slice):
 *   linear index = x + size[0] * (y + size[1] * z)
 * A numpy array from SimpleITK's GetArrayFromImage has shape (z, y, x) over the same buffer.
 * Geometry is in LPS physical space (ITK/DICOM convention):
 *   point = origin + direction · (spacing ⊙ index)
 * `direction` is a 3×3 matrix stored row-major; its columns are the unit axis directions.
 */
export type VoxelArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

export type Vec3 = [number, number, number];

export interface Image3D<T extends VoxelArray = VoxelArray> {
  data: T;
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  /** 3×3 row-major direction cosines (9 numbers). */
  direction: number[];
}

/** A binary (0/1) region of interest on an image grid, after label selection. */
export type Mask3D = Image3D<Uint8Array>;

/** Inclusive-exclusive voxel bounding box: [lower, upper) per axis, in x, y, z order. */
export interface BoundingBox {
  lower: Vec3;
  upper: Vec3;
}
