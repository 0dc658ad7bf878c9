// What the code under test writes to stdout (workflow commands, log lines), captured per test
// instead of printed among jest's own output.
import { afterEach, beforeEach, jest } from '@jest/globals';

export interface Captured {
  /** Everything written since the test began, or since clear(). */
  readonly text: string;
  clear(): void;
}

/** Call at the top of a test file: installs the capture around every test. */
export function captureStdout(): Captured {
  let text = '';
  beforeEach(() => {
    text = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      text += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  return {
    get text() {
      return text;
    },
    clear() {
      text = '';
    },
  };
}
