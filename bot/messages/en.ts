/** English catalogue: same keys as `fr.ts`, checked by the type. */
import type { Catalogue } from './fr.js';

export const en: Catalogue = {
  help:
    "I am the *L'agent bricoleur* bot 🛠️ I help you share your bricolages (work hacks) with colleagues from the 20 town halls.\n" +
    '• *new* (or *nouveau*): share a bricolage, step by step, with photos\n' +
    '• *search* <words>: find a bricolage\n' +
    '• *adopted* <n°> [your feedback]: say your town hall put it in place\n' +
    '• *workshops*: the open debugging workshops; *workshop* <n°>: link your bricolage to one\n' +
    '• *workshop open* <title>, *workshop close* <n°>: open or close a workshop (facilitators)\n' +
    '• *language en* / *language fr*: switch language\n' +
    'While writing: *back* redoes the previous answer, *cancel* abandons, *help* explains again.',
  askMairie:
    'Welcome! One question before we start: which town hall do you work in? ' +
    'Answer for example "11" for the 11th arrondissement, or "Hôtel de Ville".',
  mairieNotUnderstood:
    'I did not recognise the town hall "{text}". Answer with an arrondissement number from 1 to 20 (for example "11"), or "Hôtel de Ville".',
  mairieSaved: 'Noted: {mairie}. I will remember it.',
  askTitle: "Let's write a new bricolage! ✨\n*1/5 — What is its title?* A short sentence is enough.",
  askProblem: '*2/5 — What problem does it solve?* Describe it in one message.',
  askSteps:
    '*3/5 — The steps.* Send each step as one message; photos attached to a message belong to that step. ' +
    'Type *done* when you have finished.',
  askStepsAgain: 'Back to the steps: you have {count}. Send the next one, or type *done*.',
  stepSaved: 'Step {n} saved.',
  stepSavedWithPhotos: 'Step {n} saved with {photos} photo(s).',
  stepNext: 'Send the next step, or type *done*.',
  photosAddedToStep: '{photos} photo(s) added to step {n}.',
  photosKeptForNextStep: 'Photo(s) received: they will go with the next step you write.',
  needOneStep: 'At least one step is needed before finishing. Describe the first step.',
  tooManySteps: 'You reached {max} steps, the maximum. Type *done* to continue.',
  tooManyPhotos: 'A step can have at most {max} photos; the extra ones were not kept.',
  askCategory: '*4/5 — Which category does it belong to?* Pick a button or type its name (or number).',
  categoryNotUnderstood: 'I could not find the category "{text}". Choose from:\n{list}',
  preview: '*5/5 — Here is the preview of your bricolage.* Shall we publish it?',
  previewActions: 'Type *publish*, *edit* or *cancel* (or use the buttons).',
  askEditWhat: 'What would you like to change?',
  editStepsRestart: 'Let us redo the steps: the old ones are cleared. Send the first step.',
  published: 'Published! 🎉 Your bricolage n°{id} is in the community channel and in the gallery: {url}',
  publishQueued:
    'Your bricolage n°{id} is saved, but I could not post it in the channel for now. I will retry automatically. It is already in the gallery: {url}',
  cancelled: 'Draft abandoned. Type *new* whenever you want to start again.',
  backTo: 'All right, let us go back.',
  stepRemoved: 'I removed step {n}.',
  nothingToUndo: 'There is nothing before this question.',
  resumeOffer: 'You have a draft in progress: "{title}". Do you want to resume it or start again?',
  untitled: 'untitled',
  resumed: 'Resuming your draft.',
  needText: 'I need a written answer here.',
  tooLong: 'That is a bit long ({length} characters): {max} at most, please.',
  noDraftPhoto: 'Thanks for the photo! But there is no draft in progress to put it in. Type *new* to start a bricolage.',
  unknownCommand: 'I did not understand "{text}". Type *new* to share a bricolage, or *help* to see what I can do.',
  photoTooLarge: 'The file "{name}" is too big: {max} MB at most. Make it smaller and send it again.',
  photoNotImage: 'The file "{name}" is not an image. I accept JPEG, PNG, WebP, GIF or HEIC photos.',
  photoUnreadable: 'I cannot read the image "{name}". Is it damaged? Try exporting it as JPEG.',
  photoDownloadFailed: 'I could not fetch the file "{name}". Could you send it again?',
  commentPhotoRejected: 'Your comment is published, but without the file "{name}": {reason}',
  replyPhotoRejected: 'Your reply in the thread was not recorded: the file "{name}" was not accepted, because {reason}',
  searchEmpty: 'What are you looking for? Type for example *search mail*.',
  searchNone: 'No bricolage matches "{query}". Try other words.',
  searchResults: 'Here is what I found for "{query}":\n{list}',
  adoptUsage:
    'To say you adopted a bricolage, type *adopted* followed by its number, for example *adopted 12*, and your feedback if you like.',
  adoptUnknown: 'I cannot find a published bricolage n°{id}.',
  adoptOwn: 'That is your own bricolage: it is already in place at yours! 😉',
  adopted:
    'Thank you! I noted that your town hall adopted "{title}". You can add your feedback: *adopted {id}* followed by your message.',
  adoptedWithFeedback: 'Thank you! I noted that your town hall adopted "{title}", with your feedback.',
  languageSet: 'Noted, I will talk to you in English.',
  languageUsage: 'Type *language fr* or *language en*.',
  staleButton: 'That draft is no longer in progress. Type *new* to start a bricolage.',
  formInvalid: 'Your form was not published: {problems} Nothing is lost, here is what you wrote:\n{summary}',
  formMissing: {
    title: 'the title is missing.',
    problem: 'the problem it solves is missing.',
    steps: 'at least one step is needed.',
    category: 'the category "{category}" is unknown.',
    tooLong: '"{field}" is longer than {max} characters.',
    tooManySteps: 'there are more than {max} steps.',
  },
  somethingWentWrong: 'Oops, something went wrong on my side. Your draft is kept; try again in a moment.',
  button: {
    publish: 'Publish',
    edit: 'Edit',
    cancel: 'Cancel',
    resume: 'Resume',
    restart: 'Start again',
    done: 'Done',
    back: 'Back',
    editTitle: 'Title',
    editProblem: 'Problem',
    editSteps: 'Steps',
    editCategory: 'Category',
    adopt: 'I adopted it',
    openGallery: 'See in the gallery',
  },
  card: {
    problem: 'The problem',
    steps: 'The steps',
    stepCount: '{count} step(s)',
    category: 'Category',
    byline: 'by {name}',
    bylineMairie: 'by {name}, {mairie}',
    newPost: 'New bricolage: {title}',
    photoAlt: 'Step {n}, photo {i}',
  },
  reason: {
    tooLarge: 'it is too big.',
    notImage: 'it is not an image.',
    unreadable: 'the image cannot be read.',
    downloadFailed: 'I could not fetch it.',
  },
  workshop: {
    openUsage:
      'To open a debugging workshop, type *workshop open* followed by its title, for example *workshop open Saturday morning queues*.',
    askDescription: 'Workshop "{title}": describe in one message the recurring problem we will work on. (*cancel* to give up)',
    askSummary:
      'To close workshop n°{id} "{title}", write in one message the summary of what came out of it. (*cancel* to give up)',
    promptCancelled: 'All right, I dropped it: nothing was changed.',
    opened: 'Workshop n°{id} "{title}" is open and announced in the community channel. 🧰',
    announceOpen:
      '🧰 *New debugging workshop: {title}*\n{description}\n' +
      'Have a bricolage that helps? Write *workshop <n°>* to the bot in a direct message, or pick the workshop at the end of your post.',
    closeUsage:
      'To close a workshop, type *workshop close* followed by its number, for example *workshop close 3*. Type *workshops* to see the open ones.',
    unknown: 'I cannot find an open workshop n°{id}. Type *workshops* to see the open ones.',
    closed: 'Workshop n°{id} "{title}" is closed; its summary is announced in the community channel.',
    announceClose: '✅ *Workshop finished: {title}*\n{summary}\n{results}',
    results: {
      one: '{count} bricolage came out of it:',
      other: '{count} bricolages came out of it:',
    },
    noResults: 'No bricolage was linked to it.',
    resultLine: '• n°{id} "{title}", by {author} — {url}',
    notAnimator:
      'Sorry, only facilitators can open or close a workshop. You can link your bricolages to one, though: *workshop <n°>*.',
    noneOpen: 'No workshop is open at the moment.',
    listHeader: {
      one: '{count} open workshop:',
      other: '{count} open workshops:',
    },
    listLine: '• n°{id} *{title}* — {bricolages}',
    bricolageCount: {
      one: '{count} bricolage',
      other: '{count} bricolages',
    },
    usage:
      'Type *workshops* to see the open workshops, or *workshop* followed by the number of your bricolage to link it, for example *workshop 12*.',
    bricolageUnknown: 'I cannot find a published bricolage n°{id}.',
    notYours: 'Bricolage n°{id} is not yours: only its author and the facilitators can link it to a workshop.',
    linked: 'Bricolage n°{id} "{title}" is now part of the workshop "{workshop}". Thank you for contributing! 🧰',
    alreadyLinked: 'Bricolage n°{id} is already part of the workshop "{workshop}".',
    pick: 'Several workshops are open: which one should bricolage n°{id} join?',
    offer: {
      one: 'A debugging workshop is running. Does your bricolage n°{id} contribute to it?',
      other: '{count} debugging workshops are running. Does your bricolage n°{id} contribute to one of them?',
    },
    offerDeclined: 'All right, it stays outside the workshops. You can still link it later with *workshop {id}*.',
    threadLinked: '➕ New bricolage for this workshop: n°{id} "{title}", by {author} — {url}',
    buttonNo: 'No thanks',
  },
  digest: {
    title: '📰 *The bricoleurs’ week* ({from} to {to})',
    newHeader: {
      one: '*{count} new bricolage*',
      other: '*{count} new bricolages*',
    },
    bricolageLine: '• n°{id} "{title}", by {author} — {url}',
    more: {
      one: '… and {count} more in the gallery',
      other: '… and {count} more in the gallery',
    },
    likedHeader: '*Most liked this week*',
    likedLine: '• n°{id} "{title}" — {likes}',
    likes: {
      one: '{count} like',
      other: '{count} likes',
    },
    adoptedHeader: {
      one: '*{count} new adoption*',
      other: '*{count} new adoptions*',
    },
    adoptionLine: '• {adopter} adopted "{title}" (n°{id}), from {origin}',
    unknownMairie: 'a town hall',
    workshopsHeader: '*Open workshops*',
    workshopLine: '• n°{id} {title} — {bricolages}',
    footer: 'Everything is in the gallery: {url}',
  },
  reminder: {
    text: 'Hello! Your draft "{title}" ({steps}) has been waiting for a few days. Shall we pick it up?',
    steps: {
      one: '{count} step',
      other: '{count} steps',
    },
    noSteps: 'no step yet',
    resumed: 'Picking up "{title}" where you left it.',
    dropped: 'Draft "{title}" abandoned. Type *new* whenever you want to start again.',
    buttonResume: 'Resume',
    buttonDrop: 'Drop',
  },
};
