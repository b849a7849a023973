import { readImage } from "../../src/io/read.js";
import { discretize } from "../../src/image/discretize.js";
import { boundingBox, cropToBox, selectLabel } from "../../src/image/mask.js";
import type { Image3D, Mask3D } from "../../src/image/types.js";
import type { DiscreteRoi } from "../../src/features/common.js";
import { dataRoot } from "../../src/data/registry.js";

export const PYRAD = `${dataRoot()}/pyradiomics`;
export const BASELINE = `${PYRAD}/baseline`;

/** brain1 / breast1 image and label-1 mask, cropped to the mask's bounding box. */
export async function loadCase(name: string): Promise<{ image: Image3D; mask: Mask3D }> {
  const image = await readImage(`${PYRAD}/${name}_image.nrrd`);
  const mask = selectLabel(await readImage(`${PYRAD}/${name}_label.nrrd`), 1);
  const box = boundingBox(mask);
  return { image: cropToBox(image, box), mask: cropToBox(mask, box) };
}

/** Fixed-bin-width discretisation of the ROI (PyRadiomics' binWidth rule, src/image/discretize). */
export function roiOf(image: Image3D, mask: Mask3D, binWidth = 25): DiscreteRoi {
  const { bins } = discretize(image.data, mask.data, { binWidth });
  return { size: image.size, spacing: image.spacing, levels: bins, mask: mask.data };
}

/** A small synthetic image + mask (x fastest), spacing 1 unless given. */
export function synthetic(size: [number, number, number], values: ArrayLike<number>, mask: ArrayLike<number>, spacing: [number, number, number] = [1, 1, 1]): { image: Image3D; mask: Mask3D } {
  const geo = { size, spacing, origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  return { image: { ...geo, data: Float64Array.from(values) }, mask: { ...geo, data: Uint8Array.from(mask) } };
}
