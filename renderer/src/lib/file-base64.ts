/**
 * A chosen file as the IPC contract carries it: its name and its bytes in base64 (IPC payloads are
 * plain JSON). Read in 32 kB slices so a large file does not overflow `String.fromCharCode`'s
 * argument limit.
 */
export interface PickedFile {
  fileName: string;
  data: string;
}

export async function base64Of(file: File): Promise<PickedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { fileName: file.name, data: btoa(bin) };
}
