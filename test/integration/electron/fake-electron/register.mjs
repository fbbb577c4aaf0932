// `node --import ./register.mjs`: makes `import ... from 'electron'` load the fake in electron.mjs.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
