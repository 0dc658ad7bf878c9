// The corpus sweeps (`npm run test:corpus`): tests over ../shared/corpus, which exists where the
// project is developed and in its .ci/run, but not in a checkout on GitHub. Put every test that
// reads ../shared in __tests__/corpus/.
import { base } from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/__tests__/corpus/**/*.test.ts'],
  testTimeout: 300000,
};
