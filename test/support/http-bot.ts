export * from '../../tools/support/http-bot';
