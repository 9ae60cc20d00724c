// Size entry: everything @parley/core and @parley/sunshine export, as an app importing them gets it.
export * from '@parley/core';
export * from '@parley/sunshine';
