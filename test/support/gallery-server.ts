/** The gallery alone on 127.0.0.1, port 0, over a given database: for tests that read its pages. */
import type { Server } from 'node:http';
import express from 'express';
import { createGallery } from '../../gallery/index.js';

export interface GalleryServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

export async function startGalleryServer(deps: Parameters<typeof createGallery>[0]): Promise<GalleryServer> {
  const app = express();
  app.use(createGallery(deps));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  return {
    base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
