export * from '../../tools/support/server-process';
