// Its own module so that every command bundle can print the version without loading the command table.
export const LIMBO_VERSION = '0.1.0';
