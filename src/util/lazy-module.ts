/**
 * A module imported on first use, then used synchronously. Engines reach their parser adapters through
 * it: most commands (migrate, status, backup, restore …) never parse, and importing an adapter costs
 * a few milliseconds of every command's start-up. The first call returns a Promise; once the module
 * is loaded, calls return `use`'s result as it is, so a parse that is synchronous stays synchronous.
 */
export function lazyModule<M>(load: () => Promise<M>): <T>(use: (module: M) => T) => T | Promise<Awaited<T>> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  return <T>(use: (module: M) => T): T | Promise<Awaited<T>> => {
    if (loaded !== undefined) return use(loaded);
    loading ??= load().then((module) => (loaded = module));
    return loading.then(use) as Promise<Awaited<T>>;
  };
}
