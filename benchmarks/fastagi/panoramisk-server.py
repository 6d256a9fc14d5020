"""Peer for the FastAGI benchmark: the same bench scripts on Debian's python3-panoramisk (installed by run.sh).
Commands are sent as the exact same lines our server sends, so only the framework differs."""
import asyncio
import sys

from panoramisk.fast_agi import Application


async def bench(request):
    await request.send_command('ANSWER')
    await request.send_command('STREAM FILE ivr-readings/welcome ""')
    await request.send_command('STREAM FILE ivr-readings/account ""')
    await request.send_command('STREAM FILE ivr-readings/enter ""')
    data = await request.send_command('GET DATA beep 5000 10')
    digits = data.get('result', ('', ''))[0]
    await request.send_command('SAY DIGITS %s ""' % (digits or '0'))
    await request.send_command('SET VARIABLE IVR_RESULT %s' % digits)
    await request.send_command('HANGUP')


async def hold(request):
    await request.send_command('ANSWER')
    await request.send_command('WAIT FOR DIGIT -1')
    await request.send_command('HANGUP')


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 4575
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    app = Application(loop=loop)
    app.add_route('bench', bench)
    app.add_route('bench-hold', hold)
    loop.run_until_complete(asyncio.start_server(app.handler, '127.0.0.1', port, backlog=4096))
    print('panoramisk listening on 127.0.0.1:%d' % port, flush=True)
    loop.run_forever()


if __name__ == '__main__':
    main()
