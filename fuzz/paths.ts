import path from 'node:path';

/** The project's Python venv (scripts/stack/config.mjs VENV_DIR), where provisioning installs schemathesis. */
export const BIN_SCHEMATHESIS = path.join(__dirname, '..', '.stack', 'venv', 'bin', 'st');
