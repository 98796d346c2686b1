// Lint rules: typescript-eslint's recommended set, plus a wall around workflow code:
// workflows must stay deterministic, so they may not import Node built-ins or I/O libraries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = ['pg', 'typeorm', 'fs', 'net', 'http', 'https', 'child_process', 'crypto', 'os', 'path'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-bench/', '.data/', '.data-*/', '.tools/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read GraphQL JSON responses; typing every one of them would add noise, not safety.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        Buffer: 'readonly',
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['workflows/src/**/*.ts', 'libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*'],
              message: 'Workflow and domain code must not use Node built-ins (determinism).',
            },
            ...ioModules.map((m) => ({
              group: [m, `${m}/*`],
              message: `Workflow and domain code must not import ${m} (no I/O).`,
            })),
            {
              group: [
                '**/event-store/**',
                '**/apps/**',
                '@nestjs/*',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message: 'Workflow and domain code may import only libs/domain and @temporalio/workflow.',
            },
          ],
        },
      ],
    },
  },
);
