// The one bundle of React for the browser tests (see react-esm.mjs).
export * as react from 'react';
export * as reactDom from 'react-dom';
export * as reactDomClient from 'react-dom/client';
