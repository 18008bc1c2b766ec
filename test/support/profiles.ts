export * from '../../tools/support/profiles';
