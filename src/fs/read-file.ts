// The one way podlint reads a file (manifests, kustomizations, the config, policies, values files,
// rendered output). Every file may come from an attacker's pull request, so a read must never
// hang (a FIFO with no writer), never eat memory without bound (a link to /dev/zero, a file that
// grows while it is read) and never leave the repository (a link to a token on the runner).
//
// - Only regular files are read. The file is opened with O_NONBLOCK and the open descriptor is
//   checked with fstat, so even a FIFO swapped in after the caller's stat cannot block the open
//   nor be read; the one fstat is all a read costs beyond a plain readFileSync.
// - At most `maxBytes` are read, whatever the file claims its size is.
// - With `within`, the file's real path (symlinks resolved) must lie inside that folder: for
//   files that a repository file names, or that were found without a walk that already checked.
import fs from 'node:fs';
import path from 'node:path';
import { decode } from './decode.js';

/** The size limit of a manifest (and of a policy file) unless the user raises it. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export interface ReadLimits {
  /** The largest file read, in bytes; a larger one is refused (`too-large`). */
  maxBytes: number;
  /**
   * A folder (a real path, see realFolder) the file's real path must stay inside. Left out for
   * a path the user named on the command line, and for files a walk found (it checked already).
   */
  within?: string;
}

export type ReadRefusal = 'missing' | 'not-regular' | 'outside' | 'too-large' | 'unreadable';

export type ReadResult =
  | { ok: true; buffer: Buffer }
  | {
      ok: false;
      why: ReadRefusal;
      /** Says why in words, for a problem or a skipped entry: "is a FIFO, not a regular file". */
      message: string;
      /** Bytes on disk, when known (for `too-large`). */
      size?: number;
    };

const { O_RDONLY, O_NONBLOCK } = fs.constants;
/** Bytes read per call when the size on disk cannot be trusted (it grows, or reads 0). */
const CHUNK = 64 * 1024;

export function readFileGuarded(file: string, limits: ReadLimits): ReadResult {
  let target = file;
  if (limits.within !== undefined) {
    try {
      // The C library's realpath: a quarter of the time of node's own, which lstats each part in
      // JS (reading a folder's small files spent most of its time here).
      target = fs.realpathSync.native(file);
    } catch (error) {
      return refusal(error);
    }
    if (!isInside(target, limits.within)) {
      return { ok: false, why: 'outside', message: 'leads out of the repository (a symbolic link); not read' };
    }
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    fd = fs.openSync(target, O_RDONLY | O_NONBLOCK);
  } catch (error) {
    return refusal(error);
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) return { ok: false, why: 'not-regular', message: notRegularMessage(stats) };
    if (stats.size > limits.maxBytes) return tooLarge(stats.size, limits.maxBytes);
    return readBounded(fd, stats.size, limits.maxBytes);
  } catch (error) {
    return refusal(error);
  } finally {
    fs.closeSync(fd);
  }
}

export type TextResult = { ok: true; text: string } | Extract<ReadResult, { ok: false }> | { ok: false; why: 'binary'; message: string };

/** The same, decoded (UTF-8, or UTF-16 with its byte-order mark); a binary file is refused. */
export function readTextGuarded(file: string, limits: ReadLimits): TextResult {
  const read = readFileGuarded(file, limits);
  if (!read.ok) return read;
  const text = decode(read.buffer);
  return text === undefined ? { ok: false, why: 'binary', message: 'is a binary file, not text' } : { ok: true, text };
}

/** Reads to the end, but never more than maxBytes: the size on disk is only a first guess. */
function readBounded(fd: number, sizeOnDisk: number, maxBytes: number): ReadResult {
  let buffer = Buffer.allocUnsafe(Math.min(sizeOnDisk, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return tooLarge(length, maxBytes);
      const grown = Buffer.allocUnsafe(Math.min(buffer.length + Math.max(CHUNK, buffer.length), maxBytes + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
    // All the size on disk promised, and the byte asked for after it was not there: the end, with
    // no second call to learn it (that call was half of all reads).
    if (length === sizeOnDisk && length < buffer.length) break;
  }
  if (length > maxBytes) return tooLarge(length, maxBytes);
  return { ok: true, buffer: length === buffer.length ? buffer : buffer.subarray(0, length) };
}

function tooLarge(size: number, maxBytes: number): ReadResult {
  return { ok: false, why: 'too-large', size, message: `${formatBytes(size)} is over the ${formatBytes(maxBytes)} limit` };
}

function refusal(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, why: 'missing', message: 'no such file or folder' };
  // ENXIO: a socket (or a FIFO opened for writing); EISDIR: a folder.
  if (code === 'ENXIO') return { ok: false, why: 'not-regular', message: 'is a socket or a device, not a regular file; not read' };
  if (code === 'EISDIR') return { ok: false, why: 'not-regular', message: 'is a folder, not a regular file' };
  return { ok: false, why: 'unreadable', message: `cannot read: ${describeFsError(error)}` };
}

/** "is a FIFO, not a regular file; not read" (and the like) for whatever is no regular file. */
export function notRegularMessage(stats: fs.Stats | fs.Dirent): string {
  return `is ${fileKind(stats)}, not a regular file; not read`;
}

export function fileKind(stats: fs.Stats | fs.Dirent): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Whether a real path is the folder itself or lies inside it (both real paths). */
export function isInside(real: string, folder: string): boolean {
  if (real === folder) return true;
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  return real.startsWith(prefix);
}

/** A folder's real path, for `within`; the path itself when it cannot be resolved. */
export function realFolder(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    return path.resolve(folder);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      // Node's messages name the syscall and the path, never the file's content.
      return code ? `${code.toLowerCase()} error` : String((error as Error)?.message ?? error);
  }
}
