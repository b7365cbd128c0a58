// SHA-256 of evidence bytes, computed on the device before the upload is requested: the presigned PUT signs it
// (x-amz-checksum-sha256), so the store refuses other bytes, and the confirm step compares it with what was stored.

/** Lowercase hex SHA-256 (SubtleCrypto) of a blob or bytes. */
export async function sha256Hex(data: Blob | ArrayBuffer | Uint8Array): Promise<string> {
  // SubtleCrypto has no streaming digest: the bytes are read once into memory (a 300 MB video included); there is no
  // web API that hashes a Blob incrementally without shipping a JS SHA-256.
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
