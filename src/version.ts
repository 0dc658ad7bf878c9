// The version podlint reports (SARIF, --version). A test keeps it equal to package.json's.
export const VERSION = '0.1.0';
export const INFORMATION_URI = 'https://github.com/podlint/podlint';
