// The anchor of `npm run bench -- chat`: a bare `ws` server that fans every message a socket
// sends out to every other socket, as JSON in the same shape as Convene's `message`
// notification. No storage, no checks: the floor a chat fan-out stands on. Prints its port.
import { WebSocketServer, type WebSocket } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
const sockets = new Set<WebSocket>();
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('message', (raw) => {
    const { id, data } = JSON.parse(raw.toString()) as { id: number; data: { message: string } };
    const message = {
      id: String(id),
      type: 'chat',
      message: data.message,
      time: new Date().toISOString(),
    };
    socket.send(JSON.stringify({ id, ok: true, data: { message } }));
    const notification = JSON.stringify({ notification: 'message', data: { message } });
    for (const other of sockets) if (other !== socket) other.send(notification);
  });
});
server.on('listening', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
