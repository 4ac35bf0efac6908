import { mount } from 'svelte';
import 'convene';
import App from './App.svelte';

mount(App, { target: document.getElementById('app') });
