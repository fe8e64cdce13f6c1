// Entry of the browser bundle (npm run build → build/pouchdb-browser.js):
// pouchdb-browser ships only CommonJS/ES modules, no UMD file, so esbuild
// bundles it (with the `events` package for Node's EventEmitter) into one
// script that sets window.PouchDB.
import PouchDB from "pouchdb-browser";

globalThis.PouchDB = PouchDB;
