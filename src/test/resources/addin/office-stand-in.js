// A stand-in for Office.js (which loads only inside an Office host) for the add-in's browser test: the few Office
// calls the add-in makes, on an appointment held in memory, recording what the add-in gave them. The test reads
// window.officeStandIn.state and runs commands with window.officeStandIn.start(name).
(function () {
  'use strict';
  const AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' };
  const succeeded = (value) => ({ status: AsyncResultStatus.Succeeded, value });
  const callbackOf = (args) => args.reverse().find((arg) => typeof arg === 'function');

  const state = {
    subject: 'Quarterly review',
    start: new Date(Date.now() + 3600_000).toISOString(),
    end: new Date(Date.now() + 7200_000).toISOString(),
    bodyType: 'html',
    body: '<html><head></head><body><p>Agenda: the quarter.</p></body></html>',
    location: '',
    customProperties: {},
    // Saved custom properties belong to the appointment, which Outlook shares between the add-in's frames (the
    // function file and the task pane): kept where both frames of our origin in this tab read them.
    savedCustomProperties: JSON.parse(sessionStorage.getItem('officeStandIn.customProperties') || '{}'),
    notifications: [],
    dialogs: [],
    completed: 0,
    associated: [],
  };

  function asyncProperty(name) {
    return {
      getAsync(...args) {
        const value = name === 'start' || name === 'end' ? new Date(state[name]) : state[name];
        callbackOf(args)(succeeded(value));
      },
      setAsync(value, ...args) {
        state[name] = name === 'start' || name === 'end' ? new Date(value).toISOString() : value;
        callbackOf(args)(succeeded(undefined));
      },
    };
  }

  const item = {
    itemType: 'appointment',
    subject: asyncProperty('subject'),
    start: asyncProperty('start'),
    end: asyncProperty('end'),
    location: asyncProperty('location'),
    body: {
      getTypeAsync(...args) {
        callbackOf(args)(succeeded(state.bodyType));
      },
      getAsync(coercionType, ...args) {
        callbackOf(args)(coercionType === state.bodyType ? succeeded(state.body)
          : { status: AsyncResultStatus.Failed, error: { code: 9000, name: 'InvalidCoercion', message: 'stand-in: other type' } });
      },
      setAsync(data, options, ...rest) {
        const callback = typeof options === 'function' ? options : callbackOf(rest);
        if (options && options.coercionType) state.bodyType = options.coercionType;
        state.body = data;
        callback(succeeded(undefined));
      },
    },
    loadCustomPropertiesAsync(callback) {
      state.customProperties = { ...state.savedCustomProperties };
      callback(succeeded({
        get: (name) => state.customProperties[name],
        set: (name, value) => { state.customProperties[name] = value; },
        remove: (name) => { delete state.customProperties[name]; },
        getAll: () => ({ ...state.customProperties }),
        saveAsync(...args) {
          state.savedCustomProperties = { ...state.customProperties };
          sessionStorage.setItem('officeStandIn.customProperties', JSON.stringify(state.savedCustomProperties));
          callbackOf(args)(succeeded(undefined));
        },
      }));
    },
    notificationMessages: {
      replaceAsync(key, message, ...args) {
        state.notifications.push({ key, ...message });
        callbackOf(args)(succeeded(undefined));
      },
      addAsync(key, message, ...args) {
        state.notifications.push({ key, ...message });
        callbackOf(args)(succeeded(undefined));
      },
      removeAsync(key, ...args) {
        callbackOf(args)(succeeded(undefined));
      },
    },
  };

  const handlersOf = new Map();

  function displayDialogAsync(address, options, callback) {
    const popup = window.open(address, '_blank', 'popup,width=500,height=650');
    const record = { address, options, closedBy: null, messages: 0 };
    state.dialogs.push(record);
    if (!popup) {
      callback({ status: AsyncResultStatus.Failed, error: { code: 12009, message: 'stand-in: popup blocked' } });
      return;
    }
    const handlers = {};
    const watcher = setInterval(() => {
      if (popup.closed && record.closedBy === null) {
        record.closedBy = 'person';
        clearInterval(watcher);
        (handlers.dialogEventReceived || []).forEach((handler) => handler({ error: 12006 }));
      }
    }, 100);
    handlersOf.set(popup, handlers);
    callback(succeeded({
      addEventHandler(type, handler) {
        (handlers[type] = handlers[type] || []).push(handler);
      },
      close() {
        record.closedBy = 'add-in';
        clearInterval(watcher);
        popup.close();
      },
      messageChild() {},
    }));
  }

  window.addEventListener('message', (event) => {
    const handlers = handlersOf.get(event.source);
    if (!handlers || !event.data || event.data.officeStandIn !== 'messageParent') return;
    state.dialogs[state.dialogs.length - 1].messages += 1;
    (handlers.dialogMessageReceived || []).forEach((handler) => handler({ message: event.data.message, origin: event.origin }));
  });

  const associated = new Map();

  window.Office = {
    AsyncResultStatus,
    CoercionType: { Html: 'html', Text: 'text' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    MailboxEnums: { ItemNotificationMessageType: { InformationalMessage: 'informationalMessage', ErrorMessage: 'errorMessage',
      ProgressIndicator: 'progressIndicator' } },
    onReady(callback) {
      const info = { host: 'Outlook', platform: 'OfficeOnline' };
      if (callback) setTimeout(() => callback(info));
      return Promise.resolve(info);
    },
    actions: {
      associate(name, handler) {
        associated.set(name, handler);
        state.associated.push(name);
      },
    },
    context: {
      displayLanguage: 'en-GB',
      mailbox: { item, userProfile: { timeZone: 'GMT Standard Time', displayName: 'Alice Martin' } },
      ui: {
        displayDialogAsync,
        messageParent(message, options) {
          // In the dialog: Office hands the message to the add-in that opened it, here through the opener.
          window.opener.postMessage({ officeStandIn: 'messageParent', message }, (options && options.targetOrigin) || '*');
        },
      },
    },
  };

  window.officeStandIn = {
    state,
    /** Runs a command as Outlook would: with an event whose completed() Outlook waits for. */
    start(name) {
      const handler = associated.get(name) || window[name];
      if (typeof handler !== 'function') throw new Error(`stand-in: no command ${name}`);
      handler({ source: { id: name }, completed: () => { state.completed += 1; } });
    },
  };
}());
