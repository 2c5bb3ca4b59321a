// The library chunks of the web builds (apps/console and apps/app `vite.config.ts`): React and
// its router, and each app's heavy libraries, in chunks of their own, so that a release changing
// only a product's own code leaves them in the browser's cache (and the app's service worker's).

export interface LibraryChunk {
  name: string;
  /** Matches the modules' paths, under node_modules. */
  test: RegExp;
}

const react: LibraryChunk = {
  name: 'react',
  test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
};

/** Vite's `build.rolldownOptions` for React plus the groups given. */
export function libraryChunks(...groups: LibraryChunk[]) {
  return { output: { codeSplitting: { groups: [react, ...groups] } } };
}
