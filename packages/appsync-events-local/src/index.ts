/** The package's public surface; each part is exported from here as it lands. */
export {};
