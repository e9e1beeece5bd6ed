/** Sidebar client: rendered inside the 300-px add-on sidebar. */
const app = document.getElementById('app');
if (app) app.textContent = 'Brex for Google Sheets';
