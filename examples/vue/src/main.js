import { createApp } from 'vue';
import 'convene';
import App from './App.vue';

createApp(App).mount('#app');
