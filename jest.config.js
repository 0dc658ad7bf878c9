// ESM TypeScript under jest: ts-jest transpiles each file on its own (type checking is `npm run
// typecheck`), and the `.js` suffix that NodeNext imports need is mapped back to the source.
// `npm test` needs nothing outside the repository: tests that read ../shared (the corpus sweeps)
// live in __tests__/corpus/ and run with `npm run test:corpus` (jest.corpus.config.js).
export const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testTimeout: 60000,
};

export default {
  ...base,
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/corpus/'],
};
