export * from '../../tools/support/temp-data';
