// Size entry: everything @parley/core and @parley/ultracart export, as an app importing them gets it.
export * from '@parley/core';
export * from '@parley/ultracart';
