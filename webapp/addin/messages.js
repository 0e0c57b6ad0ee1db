// Puts a static add-in page's texts into the reader's language.
import { loadMessages } from '/js/i18n.js';

loadMessages();
