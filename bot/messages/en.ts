/** English catalogue: same keys as `fr.ts`, checked by the type. */
import type { Catalogue } from './fr.js';

export const en: Catalogue = {
  help:
    "I am the *L'agent bricoleur* bot 🛠️ I help you share your bricolages (work hacks) with colleagues from the 20 town halls.\n" +
    '• *new* (or *nouveau*): share a bricolage, step by step, with photos\n' +
    '• *search* <words>: find a bricolage\n' +
    '• *similar* <n°>: the bricolages close to one, other town halls first\n' +
    '• *adopted* <n°> [your feedback]: say your town hall put it in place\n' +
    '• *adopted* <n°> *saves* <duration>: tell how much time it saves you, for example *adopted 12 saves 2 h a week*\n' +
    '• *workshops*: the open debugging workshops; *workshop* <n°>: link your bricolage to one\n' +
    '• *my profile* (or *mon profil*): your points, level and badges\n' +
    '• *language en* / *language fr*: switch language\n' +
    '• *edit* <n°> / *delete* <n°>: change or delete one of your bricolages\n' +
    '• *my data*: get everything I keep about you; *forget me*: erase your account\n' +
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
  stepSavedWithPhotos: {
    one: 'Step {n} saved with {count} photo.',
    other: 'Step {n} saved with {count} photos.',
  },
  stepNext: 'Send the next step, or type *done*.',
  photosAddedToStep: {
    one: '{count} photo added to step {n}.',
    other: '{count} photos added to step {n}.',
  },
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
  photoExpired: 'The link to the file "{name}" has expired or is not open to me. Could you send it again?',
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
  // --- agents' own data (edit, delete, my data, forget me) ---
  editUsage: 'To change one of your bricolages, type *edit* followed by its number, for example *edit 12*.',
  deleteUsage: 'To delete one of your bricolages, type *delete* followed by its number, for example *delete 12*.',
  ownUnknown: 'I cannot find a bricolage n°{id}.',
  ownNotYours: 'Bricolage n°{id} is not yours: only its author can change or delete it.',
  editBusy: 'You have a draft in progress. Finish it or type *cancel*, then try again.',
  editReopened: 'Here is your bricolage n°{id} as published. Type *edit* to change an answer, then *publish* to update the post.',
  editCancelled: 'Edit abandoned: bricolage n°{id} stays as it was.',
  editPublished: 'Updated! ✏️ Your bricolage n°{id} is changed in the channel and in the gallery: {url}',
  editGone: 'Bricolage n°{id} no longer exists: nothing was changed.',
  deleteConfirm:
    'Delete your bricolage n°{id} "{title}" for good? It will disappear from the channel and the gallery, with its likes and comments. Type *yes* to confirm or *no* to keep it.',
  deleteDone: 'Done: bricolage n°{id} is deleted.',
  deleteKept: 'All right, I delete nothing.',
  confirmAgain: 'Answer *yes* to confirm or *no* to cancel.',
  exportReady:
    'Here is everything I keep about you (profile, bricolages, comments, likes, adoptions, workshops, messages received), as JSON. This link is personal and valid for 24 hours: {url}',
  forgetChoose: {
    one: 'You are asking me to forget you: your account, likes and messages will be erased, your comments anonymised. You have published {count} bricolage: type *delete* to delete it, *anonymous* to leave it to the community without your name, or *no* to cancel.',
    other:
      'You are asking me to forget you: your account, likes and messages will be erased, your comments anonymised. You have published {count} bricolages: type *delete* to delete them, *anonymous* to leave them to the community without your name, or *no* to cancel.',
  },
  forgetConfirmAll:
    'You are asking me to forget you: your account, likes and messages will be erased, your comments anonymised. This cannot be undone. Type *yes* to confirm or *no* to cancel.',
  forgetConfirmRemove:
    'Last check: I delete your account and your bricolages. This cannot be undone. Type *yes* to confirm or *no* to cancel.',
  forgetConfirmAnonymise:
    'Last check: I delete your account and leave your bricolages without an author name. This cannot be undone. Type *yes* to confirm or *no* to cancel.',
  forgetChoiceAgain: 'Type *delete*, *anonymous* or *no*.',
  forgetDone:
    'Done: I have forgotten you. Thank you for your bricolages! If you write to me again, it will be like a first time.',
  forgetKept: 'All right, I erase nothing.',
  anonymousAuthor: 'Anonymous agent',
  confirmStale: 'This request is no longer pending: nothing was done.',
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
    confirmDelete: 'Yes, delete',
    keep: 'No, keep',
    forgetRemove: 'Delete my bricolages',
    forgetAnonymise: 'Leave them, anonymous',
    confirmForget: 'Yes, forget me',
    downloadExport: 'Download my data',
    skipFeedback: 'Skip',
  },
  card: {
    problem: 'The problem',
    steps: 'The steps',
    stepCount: {
      one: '{count} step',
      other: '{count} steps',
    },
    category: 'Category',
    byline: 'by {name}',
    bylineMairie: 'by {name}, {mairie}',
    newPost: 'New bricolage: {title}',
    photoAlt: 'Step {n}, photo {i}',
  },
  // --- community: adoptions ------------------------------------------------------------------
  adoptAlready: 'You had already adopted "{title}" ✔️ To add or change your feedback: *adopted {id}* followed by your message.',
  adoptFeedbackUpdated: 'Noted: your feedback on "{title}" is updated.',
  adoptedAskFeedback:
    'Thank you! I noted that your town hall adopted "{title}". 🙌\nAny feedback to share? Just write it here, or tap *Skip*.',
  feedbackSaved: 'Thank you for your feedback! It will help the other town halls.',
  feedbackSkipped: 'No problem. You can add it later: *adopted {id}* followed by your message.',
  feedbackNothingPending: 'There is no feedback waiting.',
  adoptionNotice: 'Good news! 🎉 Your bricolage "{title}" (n°{id}) was adopted by the {ordinal} arrondissement town hall.',
  adoptionNoticeCentral: 'Good news! 🎉 Your bricolage "{title}" (n°{id}) was adopted by the Hôtel de Ville.',
  adoptionNoticeOther: 'Good news! 🎉 Your bricolage "{title}" (n°{id}) was adopted: {mairie}.',
  // --- community: animateurs ------------------------------------------------------------------
  helpAnimateur:
    'As a facilitator, you can also:\n' +
    '• *feature* <n°> / *unfeature* <n°>\n' +
    '• *hide* <n°> [reason] / *restore* <n°>; *hide comment* <n°> [reason] / *restore comment* <n°>\n' +
    '• *announce* <text>: post in the community channel\n' +
    '• *workshop open* <title>, *workshop close* <n°>: open or close a debugging workshop\n' +
    '• *journal*: the latest actions; *dashboard*: what needs your attention\n' +
    '• *animator add* <name> / *animator remove* <name>\n' +
    '• *propose* <n°> <note>: propose a bricolage to the central administration; ' +
    '*proposal* <n°> studying | deployed | rejected <note>: move the proposal on',
  animatorOnly:
    'Sorry, this command is for the community facilitators (animateurs) only. Type *help* to see everything you can do.',
  moderationUsage: 'The number is missing. For example: *{example}*.',
  moderationExample: {
    feature: 'feature 12',
    unfeature: 'unfeature 12',
    hide: 'hide 12 duplicate of no. 8',
    restore: 'restore 12',
    hideComment: 'hide comment 7 off topic',
    restoreComment: 'restore comment 7',
  },
  moderationUnknown: 'I cannot find bricolage n°{id}.',
  moderationUnknownComment: 'I cannot find comment n°{id}.',
  featured: '"{title}" (n°{id}) is now featured. ⭐',
  alreadyFeatured: '"{title}" (n°{id}) is already featured.',
  unfeatured: '"{title}" (n°{id}) is no longer featured.',
  notFeatured: '"{title}" (n°{id}) was not featured.',
  hiddenDone:
    '"{title}" (n°{id}) is hidden: it left the gallery and the search. Nothing is deleted; *restore {id}* brings it back.',
  alreadyHidden: '"{title}" (n°{id}) is already hidden.',
  restoredDone: '"{title}" (n°{id}) is restored: it is back in the gallery.',
  notHidden: '"{title}" (n°{id}) is not hidden.',
  commentHidden: 'Comment n°{id} is hidden. Nothing is deleted; *restore comment {id}* brings it back.',
  commentAlreadyHidden: 'Comment n°{id} is already hidden.',
  commentRestored: 'Comment n°{id} is restored.',
  commentNotHidden: 'Comment n°{id} is not hidden.',
  announceUsage: 'What do you want to announce? Type *announce* followed by your message.',
  announcement: '📣 *Announcement from {name}*\n{text}',
  announcementPosted: 'Your announcement is posted in the community channel.',
  announcementFailed: 'I could not post your announcement in the channel for now. Try again in a moment.',
  journal: '*Journal — latest actions*\n{lines}',
  journalEmpty: 'The journal is empty for now.',
  journalLine: '• {date} — {who}: {what}',
  journalReason: ' (reason: {reason})',
  journalSystem: 'the system',
  journalAction: {
    feature: 'featured bricolage n°{id}',
    unfeature: 'unfeatured bricolage n°{id}',
    hide: 'hid bricolage n°{id}',
    restore: 'restored bricolage n°{id}',
    commentHide: 'hid comment n°{id} (bricolage no. {bricolageId})',
    commentRestore: 'restored comment n°{id} (bricolage no. {bricolageId})',
    announcement: 'posted an announcement: "{text}"',
    animatorAdd: 'added {name} to the facilitators',
    animatorRemove: 'removed {name} from the facilitators',
    other: '{name} ({subject})',
    proposal: 'proposal of bricolage #{id}: {status}',
  },
  animatorUsage: 'Who? Type for example *animator add Camille Martin*.',
  animatorNotFound: 'I cannot find anyone called "{who}". They must have written to the bot at least once.',
  animatorAmbiguous: 'Several people are called "{who}": use their chat id.',
  animatorAdded: '{name} is now a facilitator. 🎈',
  animatorWelcome: '{by} added you to the facilitators. 🎈 Type *help* to see what more you can do.',
  animatorAlready: '{name} is already a facilitator.',
  animatorRemoved: '{name} is no longer a facilitator.',
  animatorNotOne: '{name} was not a facilitator.',
  animatorConfigured: '{name} is a facilitator through the configuration (ANIMATORS): only the administrator can remove them.',
  dashboard: '*Dashboard* 📋\n{sections}',
  dashboardQuiet: '• Town halls with no bricolage or adoption for 30 days: {list}',
  dashboardQuietNone: '• Town halls with no bricolage or adoption for 30 days: none 👏',
  dashboardNoPhotos: '• Bricolages without a photo: {count}{sample}',
  dashboardAwaiting: '• Adoptions waiting for feedback: {count}{sample}',
  dashboardDrafts: '• Drafts untouched for more than 3 days: {count}{sample}',
  dashboardFailed: '• Events that failed to process: {count}{sample}',
  dashboardMairies: '• Unrecognised mairies: {count}{sample}',
  // --- community: points, levels, badges -------------------------------------------------------
  profile: '*Your bricoleur profile* 🛠️\nPoints: *{points}*\nLevel: *{level}*\n{progress}\nBadges: {badges}',
  profileNext: '{bar} towards *{next}* ({min} points): {missing} to go.',
  profileTop: 'You have reached the highest level. Hats off! 👑',
  profileNoBadge: 'none yet. The first one comes with your first published bricolage!',
  levelUp: '🎉 Well done! You reach the *{level}* level with {points} points. Type *my profile* to see your progress.',
  badgeEarned: '🏅 New badge: *{badge}* — {why}',
  level: {
    apprenti: 'Apprentice',
    bricoleur: 'Tinkerer',
    artisan: 'Craftsman',
    compagnon: 'Journeyman',
    'maitre-bricoleur': 'Master tinkerer',
  },
  badge: {
    'premiere-astuce': 'First tip',
    'dix-jaime': '10 likes',
    'adopte-ailleurs': 'Adopted elsewhere',
    voyageur: 'Traveller',
    atelier: 'Workshop',
    'fait-ses-preuves': 'Proven',
    'gain-de-temps': 'Time saver',
    defi: 'Challenge',
  },
  badgeWhy: {
    'premiere-astuce': 'you published your first bricolage.',
    'dix-jaime': 'your bricolages received 10 likes.',
    'adopte-ailleurs': 'another town hall adopted one of your bricolages.',
    voyageur: 'you adopted 3 bricolages from other town halls.',
    atelier: 'you contributed to a debugging workshop.',
    'fait-ses-preuves': 'one of your bricolages proved itself in several other town halls.',
    'gain-de-temps': 'your bricolages save your colleagues 10 h a week in all, by their own estimates.',
    defi: 'your town hall won a challenge between town halls.',
  },
  reason: {
    tooLarge: 'it is too big.',
    notImage: 'it is not an image.',
    unreadable: 'the image cannot be read.',
    downloadFailed: 'I could not fetch it.',
    expired: 'its link has expired or is not open to me.',
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
    provenHeader: {
      one: '*{count} bricolage proved itself*',
      other: '*{count} bricolages proved themselves*',
    },
    provenLine: '• #{id} "{title}", by {author} — {mairies}',
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
  // --- proven: bricolages that proved themselves, proposals to the central administration ------
  proven: {
    community: '🏆 *Proven*: "{title}" (#{id}), by {author}, was adopted in {mairies}, with their feedback. Well done! {url}',
    author:
      '🏆 Well done! Your bricolage "{title}" (#{id}) *has proved itself*: it was adopted in {mairies}. ' +
      'Facilitators can now propose it to the central administration. {url}',
    mairies: {
      one: '{count} other town hall',
      other: '{count} other town halls',
    },
  },
  proposal: {
    usage: 'I need the number and a note. For example: *propose 12 Adopted in 4 town halls, worth rolling out*.',
    statusUsage:
      'For example: *proposal 12 studying Received by the DDCT*. Statuses: *studying*, *deployed*, *rejected*, each with a short note.',
    unknownBricolage: 'I cannot find a published bricolage #{id}.',
    already: 'Bricolage #{id} is already proposed (status: {status}). To move it on: *proposal {id} studying <note>*.',
    notProposed: 'Bricolage #{id} has not been proposed yet. First type *propose {id}* followed by a note.',
    refused: 'Proposal #{id} is "{from}": it cannot move to "{to}".',
    created: 'Noted: bricolage #{id} "{title}" is proposed to the central administration. {told}',
    moved: 'Noted: proposal #{id} "{title}" is now "{status}". {told}',
    told: {
      one: '{count} person told.',
      other: '{count} people told.',
    },
    notice:
      '📣 News about "{title}" (#{id}), proposed to the central administration: *{status}* (on {date}).\nNote: {note}\n{url}',
    status: {
      proposed: 'proposed',
      studying: 'under study',
      deployed: 'deployed',
      rejected: 'not retained',
    },
  },
  // --- chat cards that platforms show whole (issue 21) -------------------------------------------
  chatCards: {
    choose: 'Pick from the list…',
    confirm: 'Confirm',
    stepsShortened: 'The steps are shortened here to fit in the chat: their whole text is in the messages just above.',
  },
  // --- time saved (issue 20) -------------------------------------------------------------------
  timeSaved: {
    ask:
      'One last, optional question: roughly how much time does "{title}" save you? ' +
      'For example "30 min a week", "2 h a month", "10 min a day", or *skip*.',
    askAgain:
      'I did not understand that duration 🤔 Write it with a unit and a period, for example ' +
      '"30 min a week", "1h30 a month", "half an hour a day" or "2.5 h a week" (or *skip*).',
    tooMuch:
      'More than 40 h a week is more than a full-time job 😊 I am not recording that figure: could you estimate it again, ' +
      'for example "2 h a week" (or *skip*)?',
    gaveUp: 'I still did not understand, so I am recording nothing. You can tell me later: *adopted {id} saves 2 h a week*.',
    skipped: 'No problem. You can tell me later: *adopted {id} saves 30 min a week*.',
    saved: 'Thank you! I noted that "{title}" saves you about {amount} a week.',
    replaced: 'Noted: your estimate for "{title}" is now about {amount} a week.',
    own: 'This is your own bricolage: time saved is counted by the colleagues who adopt it 😉',
    notAdopted: 'To tell the time it saves, adopt it first: *adopted {id}*.',
    tooMuchCommand:
      'More than 40 h a week is more than a full-time job 😊 I am not recording that figure. Type it again, for example *adopted {id} saves 2 h a week*.',
    unreadable:
      'I recorded the adoption, but not the duration "{text}". Write it for example *adopted {id} saves 30 min a week*.',
    amountMinutes: '{value} min',
    amountHours: '{value} h',
    quick: {
      quarterWeek: '15 min / week',
      hourWeek: '1 h / week',
      halfHourDay: '30 min / day',
      twoHoursMonth: '2 h / month',
    },
    profile: {
      one: '⏱️ Your bricolages save your colleagues about {amount} a week (estimate reported by {count} agent).',
      other: '⏱️ Your bricolages save your colleagues about {amount} a week (estimates reported by {count} agents).',
    },
    digest: {
      one: '⏱️ *Time saved*: {count} agent reported about {amount} a week saved this week; in all, about {total} a week (agents’ own estimates).',
      other:
        '⏱️ *Time saved*: {count} agents reported about {amount} a week saved this week; in all, about {total} a week (agents’ own estimates).',
    },
  },
  // --- Défis between mairies and the welcome of newcomers (issue 19) ---
  challenge: {
    openUsage:
      'To open a challenge between town halls, type *challenge open* followed by its title and end date, for example *challenge open Paperless front desk until 15/12*.',
    dateInvalid: 'I cannot read the end date “{date}”. Write it day/month, for example *until 15/12* or *until 15/12/2027*.',
    datePast: 'The end date {date} is already past: pick a day to come.',
    dateTooFar: 'A challenge lasts at most a year: pick an end date sooner than {date}.',
    askDescription:
      'Challenge “{title}”: describe in one message its theme and what participants should do. (*cancel* to give up)',
    promptCancelled: 'All right, I give up: no challenge was opened.',
    opened: 'Challenge #{id} “{title}” is open until {end} included, and announced in the community channel. 🏁',
    announceOpen:
      '🏁 *New challenge between town halls: {title}*\n{description}\n' +
      'Until {end} included. To take part, publish a bricolage and link it to the challenge: *challenge <n°>* to the bot in a direct message, or the button at the end of your post. ' +
      'The ranking rewards the share of each town hall’s agents who take part and adoptions by other town halls, not the number of bricolages.',
    notAnimator:
      'Sorry, only facilitators can open or close a challenge. You can take part, though: *challenge <your bricolage’s n°>*.',
    closeUsage:
      'To close a challenge before its end date, type *challenge close* followed by its number, for example *challenge close 2*. Type *challenges* to see the open ones.',
    unknown: 'I cannot find an open challenge #{id}. Type *challenges* to see the open ones.',
    closed: 'Challenge #{id} “{title}” is closed; its result is announced in the community channel.',
    noneOpen: 'No challenge is open right now.',
    listHeader: {
      one: '{count} open challenge:',
      other: '{count} open challenges:',
    },
    listLine: '• #{id} *{title}* — until {end} included — {bricolages}',
    bricolageCount: {
      one: '{count} bricolage',
      other: '{count} bricolages',
    },
    usage:
      'Type *challenges* to see the open challenges, or *challenge* followed by your bricolage’s number to take part, for example *challenge 12*.',
    bricolageUnknown: 'I cannot find a published bricolage #{id}.',
    notYours: 'Bricolage #{id} is not yours: only its author and facilitators can link it to a challenge.',
    tooOld:
      'Bricolage #{id} was published before the challenge “{challenge}” opened: only bricolages published during the challenge count.',
    linked: 'Bricolage #{id} “{title}” now takes part in the challenge “{challenge}”. Good luck to your town hall! 🏁',
    alreadyLinked: 'Bricolage #{id} already takes part in the challenge “{challenge}”.',
    pick: 'Several challenges are open: which one should bricolage #{id} join?',
    offer: {
      one: 'A challenge between town halls is running. Link your bricolage #{id} to it?',
      other: '{count} challenges between town halls are running. Link your bricolage #{id} to one of them?',
    },
    offerDeclined: 'All right, it stays out of challenges. You can still link it with *challenge {id}*.',
    buttonNo: 'No thanks',
    threadLinked: '➕ New entry: #{id} “{title}”, by {author} — {url}',
    announceResult: '🏆 *Challenge over: {title}*\n{podium}\n{top}\n{participants}\nAll the results: {url}',
    podiumHeader: '*Town halls on the podium*',
    podiumLine: '{medal} {mairie} — {score} points',
    noPodium: 'No town hall took part in this challenge.',
    top: 'Most adopted bricolage: #{id} “{title}”, by {author} ({adoptions}).',
    adoptions: {
      one: '{count} adoption',
      other: '{count} adoptions',
    },
    noTop: 'No bricolage of the challenge has been adopted yet.',
    participants: {
      one: '{count} agent took part.',
      other: '{count} agents took part.',
    },
    winners: 'The agents of {mairies} earn the “Challenge” badge. Well done!',
    participantResult:
      'Thank you for taking part in the challenge “{title}”! Your town hall, {mairie}, finishes {rank}. All the results: {url}',
    participantNoRank: 'Thank you for taking part in the challenge “{title}”! All the results: {url}',
    rank: {
      one: '#{count}',
      other: '#{count}',
    },
    digestOpenHeader: '*Running challenges*',
    digestOpenLine: '• #{id} {title} — until {end} included — {bricolages}',
    digestResultsHeader: '*Challenges over*',
    digestResultLine: '• {title}: {winners} on top — {url}',
    digestNoWinner: 'no town hall',
  },
  welcome: {
    text:
      'Welcome {name}! 👋 I am the agent bricoleur: here, town hall agents share their bricolages, the tricks that make front-desk and office work easier, and reuse each other’s.\n' +
      'Type *new* to share yours step by step, *search <words>* to find an idea, *help* for everything else.',
    topHeader: 'Most adopted right now:',
    topLine: '• #{id} “{title}”, {mairie} — {adoptions} — {url}',
    adoptions: {
      one: '{count} adoption',
      other: '{count} adoptions',
    },
    dashboard: '• Newcomers welcomed this month: {count}{sample}',
    dashboardNoMairie: 'unknown town hall',
    share: 'Share a bricolage',
    gallery: 'See the gallery',
  },
  // --- the one pending question (bot/dialog.ts) ---
  dialog: {
    draftWaiting: 'Your bricolage "{title}" is waiting: type *resume* to go on with it.',
  },
  // --- similar bricolages (issue 17): `similar <n°>`, the suggestion while posting, duplicates -----
  similar: {
    usage: 'Give the bricolage’s number, for example *similar 12*.',
    unknown: 'I can’t find a published bricolage n°{id}.',
    none: 'I don’t know any bricolage close to n°{id} “{title}” yet.',
    results: 'Bricolages close to n°{id} “{title}”, other town halls first:\n{list}',
    item: '• n°{id} *{title}* — {mairie} · {likes} · {adoptions}\n  {url}',
    unknownMairie: 'town hall not given',
    likes: {
      one: '{count} like',
      other: '{count} likes',
    },
    adoptions: {
      one: '{count} adoption',
      other: '{count} adoptions',
    },
    suggestion:
      'This looks like what others have already built 👀\n{list}\nIf one of them solves your problem, adopt it; otherwise go on: your draft is saved.',
    adoptButton: 'I’ll adopt it (n°{id})',
    continueButton: 'Continue my bricolage',
    continued: 'Noted, let’s go on with your bricolage where you left it.',
    stale: 'This suggestion is no longer current. To adopt a bricolage, type *adopted <n°>*.',
    dashboard: '• Likely duplicates (published in the last 30 days, different town halls): {count}{sample}',
  },
};
