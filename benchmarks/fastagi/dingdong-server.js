// Peer for the FastAGI benchmark: the same bench scripts on npm "ding-dong" (installed by run.sh, never committed).
// Commands are sent as the exact same lines our server sends, so only the framework differs.
const AGIServer = require('ding-dong');
const port = parseInt(process.argv[2] || '4574', 10);

const handler = (context) => {
  context.on('error', () => {});
  context.onEvent('variables').then(async (vars) => {
    try {
      if (vars.agi_network_script === 'bench') {
        await context.sendCommand('ANSWER');
        await context.sendCommand('STREAM FILE ivr-readings/welcome ""');
        await context.sendCommand('STREAM FILE ivr-readings/account ""');
        await context.sendCommand('STREAM FILE ivr-readings/enter ""');
        const data = await context.sendCommand('GET DATA beep 5000 10');
        const digits = data.result;
        await context.sendCommand(`SAY DIGITS ${digits || '0'} ""`);
        await context.sendCommand(`SET VARIABLE IVR_RESULT ${digits}`);
        await context.sendCommand('HANGUP');
      } else if (vars.agi_network_script === 'bench-hold') {
        await context.sendCommand('ANSWER');
        await context.sendCommand('WAIT FOR DIGIT -1');
        await context.sendCommand('HANGUP');
      }
    } catch (e) {
      // a broken call: the load generator counts it
    }
    context.end();
  });
};

AGIServer(handler, { port, host: '127.0.0.1' }).start();
console.log(`ding-dong listening on 127.0.0.1:${port}`);
