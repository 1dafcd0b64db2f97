// Lint: typescript-eslint's recommended rules, plus the boundaries that keep the design honest.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'native/**', 'node_modules/**', 'test-results/**', 'bench/results/**', 'coverage/**', '.venv-encoder/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(electron|node:.*|fs|path|os|crypto|react.*)$', message: 'shared/ imports nothing from electron, node or the DOM.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(electron|node:.*|fs|path|os|child_process)$', message: 'The renderer reaches the backend only through the IPC contract.' }, { regex: '^\\.\\./\\.\\./main', message: 'The renderer never imports main/.' }] },
      ],
    },
  },
  {
    // The two classic hook rules: hooks called unconditionally, and effects/memos that list every
    // value they read (a missing dependency is a stale closure: a bug, not a style point).
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useLoad$' }] },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
