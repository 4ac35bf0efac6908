// Registers every Convene element. Import this (or one element's define.ts) once; the class
// modules and src/index.ts register nothing.
import './elements/convene-audio-renderer/define.ts';
import './elements/convene-grid/define.ts';
import './elements/convene-room/define.ts';
import './elements/convene-tile/define.ts';
