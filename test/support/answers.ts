export * from '../../tools/support/answers';
