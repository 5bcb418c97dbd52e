// A visit's photo as the server takes it: a data URL of a JPEG, PNG or WebP of at most 300 KB. A phone's
// camera gives several megabytes: such a photo (or one of another image type) is redrawn smaller as a
// JPEG in the browser until it fits, so a worker on site never has to compress it by hand.
export const MAX_PHOTO_BYTES = 300 * 1024;
const KEPT_TYPES = ["image/jpeg", "image/png", "image/webp"];
/** The longest side of a redrawn photo, in pixels: enough to read a door number or a face. */
const MAX_SIDE = 1600;

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function jpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("toBlob"))), "image/jpeg", quality),
  );
}

/** The photo as a data URL within MAX_PHOTO_BYTES; throws when the file is not a readable image. */
export async function photoDataUrl(file: File): Promise<string> {
  if (file.size <= MAX_PHOTO_BYTES && KEPT_TYPES.includes(file.type)) return readAsDataUrl(file);
  const image = await createImageBitmap(file);
  let scale = Math.min(1, MAX_SIDE / Math.max(image.width, image.height));
  for (let attempt = 0; attempt < 8; attempt++) {
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(image.width * scale));
    canvas.height = Math.max(1, Math.round(image.height * scale));
    canvas.getContext("2d")?.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await jpeg(canvas, attempt < 2 ? 0.8 : 0.7);
    if (blob.size <= MAX_PHOTO_BYTES) return readAsDataUrl(blob);
    scale *= 0.75;
  }
  throw new Error("photo too large");
}
