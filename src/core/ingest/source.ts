// Opens an input as a stream of byte chunks: plain or gzip (recognized by its magic bytes),
// reporting progress on the bytes read from disk and honouring cancellation between chunks.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC = [0x1f, 0x8b];

export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

export async function* fileChunks(
  path: string,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): AsyncGenerator<Buffer> {
  const total = (await stat(path)).size;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let read = 0;
  const gz = await isGzipFile(path);
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  if (gz) {
    // pipe() is already consuming `raw`, so a second 'data' listener loses nothing.
    raw.on('data', (chunk) => {
      read += chunk.length;
      onProgress?.(read, total);
    });
    raw.on('error', (err) => stream.destroy(err));
  }
  try {
    for await (const chunk of stream) {
      if (!gz) {
        read += (chunk as Buffer).length;
        onProgress?.(read, total);
      }
      yield chunk as Buffer;
    }
  } finally {
    raw.destroy();
    if (gz) stream.destroy();
  }
}

export async function* bufferChunks(data: Buffer): AsyncGenerator<Buffer> {
  const { gunzipSync } = await import('node:zlib');
  const bytes = data.length >= 2 && data[0] === GZIP_MAGIC[0] && data[1] === GZIP_MAGIC[1] ? gunzipSync(data) : data;
  for (let i = 0; i < bytes.length; i += 1 << 20) yield bytes.subarray(i, i + (1 << 20));
}
