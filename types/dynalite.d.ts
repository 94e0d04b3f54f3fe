// dynalite@4 ships no types; this is the part we use.
declare module "dynalite" {
  import type { Server } from "node:http";

  interface Options {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }
  export default function dynalite(options?: Options): Server;
}
