// Lint: the layering rule first (electron may be imported only by the Electron shell's entry files),
// then typescript-eslint's recommended rules without type information (fast, no TS program needed).
import tseslint from 'typescript-eslint';

const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron: the core, shared/ and the renderer stay runtime-neutral.' }],
      patterns: [{ group: ['electron/*'], message: 'Only electron/main and electron/preload may import electron.' }],
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'bench/.scratch/**', 'dist/**', 'out/**', 'release/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...noElectron,
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**', 'electron/main.ts', 'electron/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
