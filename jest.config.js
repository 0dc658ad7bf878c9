// ESM TypeScript under jest: ts-jest transpiles each file on its own (type checking is `npm run
// typecheck`), and the `.js` suffix that NodeNext imports need is mapped back to the source.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testTimeout: 60000,
};
