/**
 * Imported first by the cognito-local assembly: aws-sdk v2 (a cognito-local dependency) prints
 * an end-of-support notice when loaded unless this is set. ES modules evaluate in import order,
 * so setting it here precedes the load.
 */
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
