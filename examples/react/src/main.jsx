import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ConveneMeeting } from 'convene/react';

function App() {
  const [status, setStatus] = useState('not in the call');
  return (
    <>
      <p role="status">{status}</p>
      <ConveneMeeting
        server={import.meta.env.VITE_CONVENE_SERVER}
        roomCode={import.meta.env.VITE_CONVENE_ROOM_CODE}
        name="Ada"
        onConveneJoined={() => setStatus('in the call')}
        onConveneLeft={(event) => setStatus(`left: ${event.detail.reason}`)}
      />
    </>
  );
}

createRoot(document.getElementById('app')).render(<App />);
