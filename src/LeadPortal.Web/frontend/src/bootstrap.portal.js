// Only the Bootstrap plugins the views use (their data-bs-* attributes): the navigation drawer
// (data-bs-toggle="offcanvas") and the dismissible flash message (data-bs-dismiss="alert").
// Importing a plugin registers its data API; window.bootstrap keeps the classes, as the full bundle did.
import Alert from 'bootstrap/js/src/alert.js';
import Offcanvas from 'bootstrap/js/src/offcanvas.js';

export { Alert, Offcanvas };
