/** Every chat string the bot says, in French (the reference catalogue: `en.ts` mirrors its keys). */
export const fr = {
  help:
    "Je suis le bot de *L'agent bricoleur* 🛠️ Je vous aide à partager vos bricolages avec les collègues des 20 mairies.\n" +
    '• *nouveau* : partager un bricolage, pas à pas, avec photos\n' +
    '• *chercher* <mots> : retrouver un bricolage\n' +
    '• *similaires* <n°> : les bricolages proches d’un bricolage, d’autres mairies d’abord\n' +
    "• *adopté* <n°> [votre retour] : dire que vous l'avez mis en place dans votre mairie\n" +
    '• *adopté* <n°> *gain* <durée> : dire combien de temps il vous fait gagner, par exemple *adopté 12 gain 2 h par semaine*\n' +
    '• *ateliers* : les ateliers de débogage ouverts ; *atelier* <n°> : y rattacher votre bricolage\n' +
    '• *mon profil* : vos points, votre niveau et vos badges\n' +
    '• *langue en* / *langue fr* : changer de langue\n' +
    '• *modifier* <n°> / *supprimer* <n°> : modifier ou supprimer un de vos bricolages\n' +
    '• *mes données* : recevoir tout ce que je garde sur vous ; *oublie-moi* : effacer votre compte\n' +
    'Pendant la rédaction : *retour* refait la réponse précédente, *annuler* abandonne, *aide* réexplique.',
  askMairie:
    'Bienvenue ! Une seule question avant de commencer : dans quelle mairie travaillez-vous ? ' +
    'Répondez par exemple « 11 » pour le 11e arrondissement, ou « Hôtel de Ville ».',
  mairieNotUnderstood:
    "Je n'ai pas reconnu la mairie « {text} ». Répondez par un numéro d'arrondissement de 1 à 20 (par exemple « 11 »), ou « Hôtel de Ville ».",
  mairieSaved: "C'est noté : {mairie}. Je m'en souviendrai.",
  askTitle: "C'est parti pour un nouveau bricolage ! ✨\n*1/5 — Quel est son titre ?* Une phrase courte suffit.",
  askProblem: '*2/5 — Quel problème résout-il ?* Décrivez-le en un message.',
  askSteps:
    '*3/5 — Les étapes.* Envoyez chaque étape dans un message ; les photos jointes à un message vont avec cette étape. ' +
    'Tapez *terminé* quand vous avez fini.',
  askStepsAgain: 'Reprenons les étapes : vous en avez {count}. Envoyez la suivante, ou tapez *terminé*.',
  stepSaved: 'Étape {n} enregistrée.',
  stepSavedWithPhotos: {
    one: 'Étape {n} enregistrée avec {count} photo.',
    other: 'Étape {n} enregistrée avec {count} photos.',
  },
  stepNext: 'Envoyez l’étape suivante, ou tapez *terminé*.',
  photosAddedToStep: {
    one: '{count} photo ajoutée à l’étape {n}.',
    other: '{count} photos ajoutées à l’étape {n}.',
  },
  photosKeptForNextStep: 'Photo(s) reçue(s) : elles iront avec la prochaine étape que vous écrirez.',
  needOneStep: 'Il faut au moins une étape avant de terminer. Décrivez la première étape.',
  tooManySteps: 'Vous avez atteint {max} étapes, le maximum. Tapez *terminé* pour continuer.',
  tooManyPhotos: 'Une étape peut avoir au plus {max} photos ; les suivantes n’ont pas été gardées.',
  askCategory: '*4/5 — Dans quelle catégorie le ranger ?* Choisissez un bouton ou tapez son nom (ou son numéro).',
  categoryNotUnderstood: 'Je n’ai pas trouvé la catégorie « {text} ». Choisissez parmi :\n{list}',
  preview: '*5/5 — Voici l’aperçu de votre bricolage.* On le publie ?',
  previewActions: 'Tapez *publier*, *modifier* ou *annuler* (ou utilisez les boutons).',
  askEditWhat: 'Que voulez-vous modifier ?',
  editStepsRestart: 'On refait les étapes : les anciennes sont effacées. Envoyez la première étape.',
  published: 'Publié ! 🎉 Votre bricolage n°{id} est dans le canal de la communauté et dans la galerie : {url}',
  publishQueued:
    'Votre bricolage n°{id} est enregistré, mais je n’ai pas pu le poster dans le canal pour l’instant. Je réessaierai automatiquement. Il est déjà dans la galerie : {url}',
  cancelled: 'Brouillon abandonné. Tapez *nouveau* quand vous voulez recommencer.',
  backTo: 'D’accord, on revient en arrière.',
  stepRemoved: 'J’ai retiré l’étape {n}.',
  nothingToUndo: 'Il n’y a rien avant cette question.',
  resumeOffer: 'Vous avez un brouillon en cours : « {title} ». Voulez-vous le reprendre ou recommencer ?',
  untitled: 'sans titre',
  resumed: 'On reprend votre brouillon.',
  needText: 'J’ai besoin d’une réponse écrite ici.',
  tooLong: 'C’est un peu long ({length} caractères) : {max} au maximum, s’il vous plaît.',
  noDraftPhoto:
    'Merci pour la photo ! Mais je n’ai pas de brouillon en cours pour l’y ranger. Tapez *nouveau* pour commencer un bricolage.',
  unknownCommand:
    'Je n’ai pas compris « {text} ». Tapez *nouveau* pour partager un bricolage, ou *aide* pour voir ce que je sais faire.',
  photoTooLarge: 'Le fichier « {name} » est trop lourd : {max} Mo au maximum. Réduisez-le et renvoyez-le.',
  photoNotImage: 'Le fichier « {name} » n’est pas une image. J’accepte les photos JPEG, PNG, WebP, GIF ou HEIC.',
  photoUnreadable: 'Je n’arrive pas à lire l’image « {name} ». Est-elle abîmée ? Essayez de l’exporter en JPEG.',
  photoDownloadFailed: 'Je n’ai pas pu récupérer le fichier « {name} ». Pouvez-vous le renvoyer ?',
  photoExpired: 'Le lien du fichier « {name} » a expiré ou ne m’est pas accessible. Pouvez-vous le renvoyer ?',
  commentPhotoRejected: 'Votre commentaire est publié, mais sans le fichier « {name} » : {reason}',
  replyPhotoRejected:
    'Votre réponse dans le fil n’a pas été enregistrée : le fichier « {name} » n’a pas été accepté, car {reason}',
  searchEmpty: 'Que cherchez-vous ? Tapez par exemple *chercher courrier*.',
  searchNone: 'Aucun bricolage ne correspond à « {query} ». Essayez d’autres mots.',
  searchResults: 'Voici ce que j’ai trouvé pour « {query} » :\n{list}',
  adoptUsage:
    'Pour dire que vous avez adopté un bricolage, tapez *adopté* suivi de son numéro, par exemple *adopté 12*, et si vous voulez votre retour d’expérience.',
  adoptUnknown: 'Je ne trouve pas de bricolage publié n°{id}.',
  adoptOwn: 'C’est votre propre bricolage : il est déjà chez vous ! 😉',
  adopted:
    'Merci ! J’ai noté que votre mairie a adopté « {title} ». Vous pouvez ajouter votre retour d’expérience : *adopté {id}* suivi de votre message.',
  adoptedWithFeedback: 'Merci ! J’ai noté que votre mairie a adopté « {title} », avec votre retour d’expérience.',
  languageSet: 'C’est noté, je vous parlerai en français.',
  languageUsage: 'Tapez *langue fr* ou *langue en*.',
  staleButton: 'Ce brouillon n’est plus en cours. Tapez *nouveau* pour commencer un bricolage.',
  formInvalid: 'Votre formulaire n’a pas été publié : {problems} Rien n’est perdu, voici ce que vous aviez écrit :\n{summary}',
  formMissing: {
    title: 'il manque le titre.',
    problem: 'il manque le problème résolu.',
    steps: 'il faut au moins une étape.',
    category: 'la catégorie « {category} » est inconnue.',
    tooLong: '« {field} » dépasse {max} caractères.',
    tooManySteps: 'il y a plus de {max} étapes.',
  },
  // --- agents' own data (modifier, supprimer, mes données, oublie-moi) ---
  editUsage: 'Pour modifier un de vos bricolages, tapez *modifier* suivi de son numéro, par exemple *modifier 12*.',
  deleteUsage: 'Pour supprimer un de vos bricolages, tapez *supprimer* suivi de son numéro, par exemple *supprimer 12*.',
  ownUnknown: 'Je ne trouve pas de bricolage n°{id}.',
  ownNotYours: 'Le bricolage n°{id} n’est pas le vôtre : seul son auteur peut le modifier ou le supprimer.',
  editBusy: 'Vous avez un brouillon en cours. Terminez-le ou tapez *annuler*, puis recommencez.',
  editReopened:
    'Voici votre bricolage n°{id} tel qu’il est publié. Tapez *modifier* pour changer une réponse, puis *publier* pour mettre la publication à jour.',
  editCancelled: 'Modification abandonnée : le bricolage n°{id} reste tel quel.',
  editPublished: 'Mis à jour ! ✏️ Votre bricolage n°{id} est modifié dans le canal et dans la galerie : {url}',
  editGone: 'Le bricolage n°{id} n’existe plus : rien n’a été modifié.',
  deleteConfirm:
    'Supprimer définitivement votre bricolage n°{id} « {title} » ? Il disparaîtra du canal et de la galerie, avec ses j’aime et ses commentaires. Tapez *oui* pour confirmer ou *non* pour le garder.',
  deleteDone: 'C’est fait : le bricolage n°{id} est supprimé.',
  deleteKept: 'D’accord, je ne supprime rien.',
  confirmAgain: 'Répondez *oui* pour confirmer ou *non* pour annuler.',
  exportReady:
    'Voici tout ce que je garde sur vous (profil, bricolages, commentaires, j’aime, adoptions, ateliers, messages reçus), au format JSON. Ce lien est personnel et valable 24 h : {url}',
  forgetChoose: {
    one: 'Vous me demandez de vous oublier : votre compte, vos j’aime et vos messages seront effacés, vos commentaires anonymisés. Vous avez publié {count} bricolage : tapez *supprimer* pour le supprimer, *anonymes* pour le laisser à la communauté sans votre nom, ou *non* pour annuler.',
    other:
      'Vous me demandez de vous oublier : votre compte, vos j’aime et vos messages seront effacés, vos commentaires anonymisés. Vous avez publié {count} bricolages : tapez *supprimer* pour les supprimer, *anonymes* pour les laisser à la communauté sans votre nom, ou *non* pour annuler.',
  },
  forgetConfirmAll:
    'Vous me demandez de vous oublier : votre compte, vos j’aime et vos messages seront effacés, vos commentaires anonymisés. C’est irréversible. Tapez *oui* pour confirmer ou *non* pour annuler.',
  forgetConfirmRemove:
    'Dernière vérification : je supprime votre compte et vos bricolages. C’est irréversible. Tapez *oui* pour confirmer ou *non* pour annuler.',
  forgetConfirmAnonymise:
    'Dernière vérification : je supprime votre compte et laisse vos bricolages sans nom d’auteur. C’est irréversible. Tapez *oui* pour confirmer ou *non* pour annuler.',
  forgetChoiceAgain: 'Tapez *supprimer*, *anonymes* ou *non*.',
  forgetDone:
    'C’est fait : je vous ai oublié. Merci pour vos bricolages ! Si vous m’écrivez à nouveau, ce sera comme une première fois.',
  forgetKept: 'D’accord, je n’efface rien.',
  anonymousAuthor: 'Agent anonyme',
  confirmStale: 'Cette demande n’est plus en cours : rien n’a été fait.',
  somethingWentWrong:
    'Oups, quelque chose s’est mal passé de mon côté. Votre brouillon est conservé ; réessayez dans un instant.',
  button: {
    publish: 'Publier',
    edit: 'Modifier',
    cancel: 'Annuler',
    resume: 'Reprendre',
    restart: 'Recommencer',
    done: 'Terminé',
    back: 'Retour',
    editTitle: 'Titre',
    editProblem: 'Problème',
    editSteps: 'Étapes',
    editCategory: 'Catégorie',
    adopt: 'Je l’ai adopté',
    openGallery: 'Voir dans la galerie',
    confirmDelete: 'Oui, supprimer',
    keep: 'Non, garder',
    forgetRemove: 'Supprimer mes bricolages',
    forgetAnonymise: 'Les laisser, anonymes',
    confirmForget: 'Oui, m’oublier',
    downloadExport: 'Télécharger mes données',
    skipFeedback: 'Passer',
  },
  card: {
    problem: 'Le problème',
    steps: 'Les étapes',
    stepCount: {
      one: '{count} étape',
      other: '{count} étapes',
    },
    category: 'Catégorie',
    byline: 'par {name}',
    bylineMairie: 'par {name}, {mairie}',
    newPost: 'Nouveau bricolage : {title}',
    photoAlt: 'Étape {n}, photo {i}',
  },
  // --- community: adoptions ------------------------------------------------------------------
  adoptAlready:
    'Vous aviez déjà adopté « {title} » ✔️ Pour ajouter ou changer votre retour : *adopté {id}* suivi de votre message.',
  adoptFeedbackUpdated: 'C’est noté : votre retour d’expérience sur « {title} » est mis à jour.',
  adoptedAskFeedback:
    'Merci ! J’ai noté que votre mairie a adopté « {title} ». 🙌\nUn retour d’expérience à partager ? Écrivez-le simplement ici, ou touchez *Passer*.',
  feedbackSaved: 'Merci pour votre retour d’expérience ! Il aidera les autres mairies.',
  feedbackSkipped: 'Pas de souci. Vous pourrez l’ajouter plus tard : *adopté {id}* suivi de votre message.',
  feedbackNothingPending: 'Il n’y a pas de retour d’expérience en attente.',
  adoptionNotice: 'Bonne nouvelle ! 🎉 Votre bricolage « {title} » (n°{id}) a été adopté à la mairie du {ordinal}.',
  adoptionNoticeCentral: 'Bonne nouvelle ! 🎉 Votre bricolage « {title} » (n°{id}) a été adopté à l’Hôtel de Ville.',
  adoptionNoticeOther: 'Bonne nouvelle ! 🎉 Votre bricolage « {title} » (n°{id}) a été adopté : {mairie}.',
  // --- community: animateurs ------------------------------------------------------------------
  helpAnimateur:
    'En tant qu’animateur ou animatrice, vous pouvez aussi :\n' +
    '• *à la une* <n°> / *retirer de la une* <n°>\n' +
    '• *masquer* <n°> [motif] / *rétablir* <n°> ; *masquer commentaire* <n°> [motif] / *rétablir commentaire* <n°>\n' +
    '• *annonce* <texte> : publier dans le canal de la communauté\n' +
    '• *atelier ouvrir* <titre>, *atelier fermer* <n°> : ouvrir ou fermer un atelier de débogage\n' +
    '• *journal* : les dernières actions ; *tableau de bord* : ce qui demande votre attention\n' +
    '• *animateur ajouter* <nom> / *animateur retirer* <nom>\n' +
    '• *proposer* <n°> <note> : proposer un bricolage à l’administration centrale ; ' +
    '*proposition* <n°> à l’étude | déployé | non retenu <note> : faire avancer la proposition',
  animatorOnly:
    'Désolé, cette commande est réservée aux animateurs et animatrices de la communauté. Tapez *aide* pour voir tout ce que vous pouvez faire.',
  moderationUsage: 'Il me manque le numéro. Par exemple : *{example}*.',
  moderationExample: {
    feature: 'à la une 12',
    unfeature: 'retirer de la une 12',
    hide: 'masquer 12 doublon du n°8',
    restore: 'rétablir 12',
    hideComment: 'masquer commentaire 7 hors sujet',
    restoreComment: 'rétablir commentaire 7',
  },
  moderationUnknown: 'Je ne trouve pas de bricolage n°{id}.',
  moderationUnknownComment: 'Je ne trouve pas de commentaire n°{id}.',
  featured: '« {title} » (n°{id}) est maintenant à la une. ⭐',
  alreadyFeatured: '« {title} » (n°{id}) est déjà à la une.',
  unfeatured: '« {title} » (n°{id}) n’est plus à la une.',
  notFeatured: '« {title} » (n°{id}) n’était pas à la une.',
  hiddenDone:
    '« {title} » (n°{id}) est masqué : il a quitté la galerie et la recherche. Rien n’est effacé ; *rétablir {id}* le fait revenir.',
  alreadyHidden: '« {title} » (n°{id}) est déjà masqué.',
  restoredDone: '« {title} » (n°{id}) est rétabli : il est de retour dans la galerie.',
  notHidden: '« {title} » (n°{id}) n’est pas masqué.',
  commentHidden: 'Le commentaire n°{id} est masqué. Rien n’est effacé ; *rétablir commentaire {id}* le fait revenir.',
  commentAlreadyHidden: 'Le commentaire n°{id} est déjà masqué.',
  commentRestored: 'Le commentaire n°{id} est rétabli.',
  commentNotHidden: 'Le commentaire n°{id} n’est pas masqué.',
  announceUsage: 'Que voulez-vous annoncer ? Tapez *annonce* suivi de votre message.',
  announcement: '📣 *Annonce de {name}*\n{text}',
  announcementPosted: 'Votre annonce est publiée dans le canal de la communauté.',
  announcementFailed: 'Je n’ai pas pu publier votre annonce dans le canal pour l’instant. Réessayez dans un moment.',
  journal: '*Journal — dernières actions*\n{lines}',
  journalEmpty: 'Le journal est vide pour l’instant.',
  journalLine: '• {date} — {who} : {what}',
  journalReason: ' (motif : {reason})',
  journalSystem: 'le système',
  journalAction: {
    feature: 'met à la une le bricolage n°{id}',
    unfeature: 'retire de la une le bricolage n°{id}',
    hide: 'masque le bricolage n°{id}',
    restore: 'rétablit le bricolage n°{id}',
    commentHide: 'masque le commentaire n°{id} (bricolage n°{bricolageId})',
    commentRestore: 'rétablit le commentaire n°{id} (bricolage n°{bricolageId})',
    announcement: 'publie une annonce : « {text} »',
    animatorAdd: 'nomme {name} dans l’équipe d’animation',
    animatorRemove: 'retire {name} de l’équipe d’animation',
    other: '{name} ({subject})',
    proposal: 'proposition du bricolage n°{id} : {status}',
  },
  animatorUsage: 'Qui ? Tapez par exemple *animateur ajouter Camille Martin*.',
  animatorNotFound: 'Je ne trouve personne qui s’appelle « {who} ». La personne doit avoir écrit au moins une fois au bot.',
  animatorAmbiguous: 'Plusieurs personnes s’appellent « {who} » : utilisez son identifiant de messagerie.',
  animatorAdded: '{name} fait maintenant partie de l’équipe d’animation. 🎈',
  animatorWelcome: '{by} vous a ajouté à l’équipe d’animation. 🎈 Tapez *aide* pour voir ce que vous pouvez faire en plus.',
  animatorAlready: '{name} fait déjà partie de l’équipe d’animation.',
  animatorRemoved: '{name} ne fait plus partie de l’équipe d’animation.',
  animatorNotOne: '{name} ne faisait pas partie de l’équipe d’animation.',
  animatorConfigured:
    '{name} fait partie de l’équipe d’animation par la configuration (ANIMATORS) : seul l’administrateur peut l’en retirer.',
  dashboard: '*Tableau de bord* 📋\n{sections}',
  dashboardQuiet: '• Mairies sans bricolage ni adoption depuis 30 jours : {list}',
  dashboardQuietNone: '• Mairies sans bricolage ni adoption depuis 30 jours : aucune 👏',
  dashboardNoPhotos: '• Bricolages sans photo : {count}{sample}',
  dashboardAwaiting: '• Adoptions en attente de retour d’expérience : {count}{sample}',
  dashboardDrafts: '• Brouillons abandonnés depuis plus de 3 jours : {count}{sample}',
  dashboardFailed: '• Événements en échec : {count}{sample}',
  dashboardMairies: '• Mairies non reconnues : {count}{sample}',
  // --- community: points, levels, badges -------------------------------------------------------
  profile: '*Votre profil de bricoleur* 🛠️\nPoints : *{points}*\nNiveau : *{level}*\n{progress}\nBadges : {badges}',
  profileNext: '{bar} vers *{next}* ({min} points) : il vous en manque {missing}.',
  profileTop: 'Vous avez atteint le plus haut niveau. Chapeau ! 👑',
  profileNoBadge: 'aucun pour l’instant. Le premier vient avec votre premier bricolage publié !',
  levelUp: '🎉 Bravo ! Vous passez au niveau *{level}* avec {points} points. Tapez *mon profil* pour voir votre progression.',
  badgeEarned: '🏅 Nouveau badge : *{badge}* — {why}',
  level: {
    apprenti: 'Apprenti',
    bricoleur: 'Bricoleur',
    artisan: 'Artisan',
    compagnon: 'Compagnon',
    'maitre-bricoleur': 'Maître bricoleur',
  },
  badge: {
    'premiere-astuce': 'Première astuce',
    'dix-jaime': '10 j’aime',
    'adopte-ailleurs': 'Adopté ailleurs',
    voyageur: 'Voyageur',
    atelier: 'Atelier',
    'fait-ses-preuves': 'Fait ses preuves',
    'gain-de-temps': 'Gain de temps',
    defi: 'Défi',
  },
  badgeWhy: {
    'premiere-astuce': 'vous avez publié votre premier bricolage.',
    'dix-jaime': 'vos bricolages ont reçu 10 j’aime.',
    'adopte-ailleurs': 'une autre mairie a adopté l’un de vos bricolages.',
    voyageur: 'vous avez adopté 3 bricolages venus d’autres mairies.',
    atelier: 'vous avez contribué à un atelier de débogage.',
    'fait-ses-preuves': 'l’un de vos bricolages a fait ses preuves dans plusieurs autres mairies.',
    'gain-de-temps': 'vos bricolages font gagner à vos collègues 10 h par semaine en tout, d’après leurs estimations.',
    defi: 'votre mairie a gagné un défi entre mairies.',
  },
  reason: {
    tooLarge: 'il est trop lourd.',
    notImage: 'ce n’est pas une image.',
    unreadable: 'l’image est illisible.',
    downloadFailed: 'je n’ai pas pu le récupérer.',
    expired: 'son lien a expiré ou ne m’est pas accessible.',
  },
  workshop: {
    openUsage:
      'Pour ouvrir un atelier de débogage, tapez *atelier ouvrir* suivi de son titre, par exemple *atelier ouvrir Files du samedi matin*.',
    askDescription:
      'Atelier « {title} » : décrivez en un message le problème récurrent sur lequel on va travailler. (*annuler* pour abandonner)',
    askSummary:
      'Pour fermer l’atelier n°{id} « {title} », écrivez en un message le résumé de ce qui en est sorti. (*annuler* pour abandonner)',
    promptCancelled: 'D’accord, j’abandonne : rien n’a été changé.',
    opened: 'Atelier n°{id} « {title} » ouvert et annoncé dans le canal de la communauté. 🧰',
    announceOpen:
      '🧰 *Nouvel atelier de débogage : {title}*\n{description}\n' +
      'Vous avez un bricolage qui aide ? Écrivez *atelier <n°>* au bot en message privé, ou choisissez l’atelier à la fin de votre publication.',
    closeUsage:
      'Pour fermer un atelier, tapez *atelier fermer* suivi de son numéro, par exemple *atelier fermer 3*. Tapez *ateliers* pour voir ceux qui sont ouverts.',
    unknown: 'Je ne trouve pas d’atelier ouvert n°{id}. Tapez *ateliers* pour voir ceux qui sont ouverts.',
    closed: 'Atelier n°{id} « {title} » fermé ; son résumé est annoncé dans le canal de la communauté.',
    announceClose: '✅ *Atelier terminé : {title}*\n{summary}\n{results}',
    results: {
      one: '{count} bricolage en est sorti :',
      other: '{count} bricolages en sont sortis :',
    },
    noResults: 'Aucun bricolage n’y a été rattaché.',
    resultLine: '• n°{id} « {title} », par {author} — {url}',
    notAnimator:
      'Désolé, seuls les animateurs et animatrices peuvent ouvrir ou fermer un atelier. Vous pouvez en revanche y rattacher vos bricolages : *atelier <n°>*.',
    noneOpen: 'Aucun atelier n’est ouvert en ce moment.',
    listHeader: {
      one: '{count} atelier ouvert :',
      other: '{count} ateliers ouverts :',
    },
    listLine: '• n°{id} *{title}* — {bricolages}',
    bricolageCount: {
      one: '{count} bricolage',
      other: '{count} bricolages',
    },
    usage:
      'Tapez *ateliers* pour voir les ateliers ouverts, ou *atelier* suivi du numéro de votre bricolage pour l’y rattacher, par exemple *atelier 12*.',
    bricolageUnknown: 'Je ne trouve pas de bricolage publié n°{id}.',
    notYours: 'Le bricolage n°{id} n’est pas le vôtre : seuls son auteur et les animateurs peuvent le rattacher à un atelier.',
    linked:
      'Le bricolage n°{id} « {title} » fait maintenant partie de l’atelier « {workshop} ». Merci pour cette contribution ! 🧰',
    alreadyLinked: 'Le bricolage n°{id} fait déjà partie de l’atelier « {workshop} ».',
    pick: 'Plusieurs ateliers sont ouverts : auquel rattacher le bricolage n°{id} ?',
    offer: {
      one: 'Un atelier de débogage est en cours. Votre bricolage n°{id} y contribue-t-il ?',
      other: '{count} ateliers de débogage sont en cours. Votre bricolage n°{id} contribue-t-il à l’un d’eux ?',
    },
    offerDeclined: 'D’accord, il reste hors des ateliers. Vous pourrez toujours l’y rattacher plus tard avec *atelier {id}*.',
    threadLinked: '➕ Nouveau bricolage pour cet atelier : n°{id} « {title} », par {author} — {url}',
    buttonNo: 'Non merci',
  },
  digest: {
    title: '📰 *La semaine des bricoleurs* (du {from} au {to})',
    newHeader: {
      one: '*{count} nouveau bricolage*',
      other: '*{count} nouveaux bricolages*',
    },
    bricolageLine: '• n°{id} « {title} », par {author} — {url}',
    more: {
      one: '… et {count} autre dans la galerie',
      other: '… et {count} autres dans la galerie',
    },
    likedHeader: '*Les plus aimés de la semaine*',
    likedLine: '• n°{id} « {title} » — {likes}',
    likes: {
      one: '{count} j’aime',
      other: '{count} j’aime',
    },
    adoptedHeader: {
      one: '*{count} nouvelle adoption*',
      other: '*{count} nouvelles adoptions*',
    },
    adoptionLine: '• {adopter} a adopté « {title} » (n°{id}), venu de {origin}',
    unknownMairie: 'une mairie',
    workshopsHeader: '*Ateliers ouverts*',
    workshopLine: '• n°{id} {title} — {bricolages}',
    provenHeader: {
      one: '*{count} bricolage a fait ses preuves*',
      other: '*{count} bricolages ont fait leurs preuves*',
    },
    provenLine: '• n°{id} « {title} », par {author} — {mairies}',
    footer: 'Tout est dans la galerie : {url}',
  },
  reminder: {
    text: 'Bonjour ! Votre brouillon « {title} » ({steps}) vous attend depuis quelques jours. On le reprend ?',
    steps: {
      one: '{count} étape',
      other: '{count} étapes',
    },
    noSteps: 'pas encore d’étape',
    resumed: 'On reprend « {title} » là où vous en étiez.',
    dropped: 'Brouillon « {title} » abandonné. Tapez *nouveau* quand vous voulez recommencer.',
    buttonResume: 'Reprendre',
    buttonDrop: 'Abandonner',
  },
  // --- proven: bricolages that proved themselves, proposals to the central administration ------
  proven: {
    community:
      '🏆 *A fait ses preuves* : « {title} » (n°{id}), par {author}, a été adopté dans {mairies}, avec leurs retours. Bravo ! {url}',
    author:
      '🏆 Bravo ! Votre bricolage « {title} » (n°{id}) *a fait ses preuves* : il a été adopté dans {mairies}. ' +
      'Les animateurs peuvent maintenant le proposer à l’administration centrale. {url}',
    mairies: {
      one: '{count} autre mairie',
      other: '{count} autres mairies',
    },
  },
  proposal: {
    usage: 'Il me manque le numéro ou la note. Par exemple : *proposer 12 Adopté dans 4 mairies, à généraliser*.',
    statusUsage:
      'Par exemple : *proposition 12 à l’étude Reçu par la DDCT*. Les statuts : *à l’étude*, *déployé*, *non retenu*, chacun avec une courte note.',
    unknownBricolage: 'Je ne trouve pas de bricolage publié n°{id}.',
    already:
      'Le bricolage n°{id} est déjà proposé (statut : {status}). Pour le faire avancer : *proposition {id} à l’étude <note>*.',
    notProposed: 'Le bricolage n°{id} n’a pas encore été proposé. Tapez d’abord *proposer {id}* suivi d’une note.',
    refused: 'La proposition n°{id} est « {from} » : elle ne peut pas passer à « {to} ».',
    created: 'C’est noté : le bricolage n°{id} « {title} » est proposé à l’administration centrale. {told}',
    moved: 'C’est noté : la proposition n°{id} « {title} » est maintenant « {status} ». {told}',
    told: {
      one: '{count} personne prévenue.',
      other: '{count} personnes prévenues.',
    },
    notice:
      '📣 Du nouveau pour « {title} » (n°{id}), proposé à l’administration centrale : *{status}* (le {date}).\nNote : {note}\n{url}',
    status: {
      proposed: 'proposé',
      studying: 'à l’étude',
      deployed: 'déployé',
      rejected: 'non retenu',
    },
  },
  // --- chat cards that platforms show whole (issue 21) -------------------------------------------
  chatCards: {
    choose: 'Choisissez dans la liste…',
    confirm: 'Valider',
    stepsShortened:
      'Les étapes sont raccourcies ici pour tenir dans la conversation : leur texte entier est dans les messages juste au-dessus.',
  },
  // --- time saved (issue 20) -------------------------------------------------------------------
  timeSaved: {
    ask:
      'Dernière question, facultative : à peu près combien de temps « {title} » vous fait-il gagner ? ' +
      'Par exemple « 30 min par semaine », « 2 h par mois », « 10 min par jour », ou *passer*.',
    askAgain:
      'Je n’ai pas compris cette durée 🤔 Écrivez-la avec une unité et une période, par exemple ' +
      '« 30 min par semaine », « 1h30 par mois », « une demi-heure par jour » ou « 2,5 h par semaine » (ou *passer*).',
    tooMuch:
      'Plus de 40 h par semaine, c’est plus qu’un temps plein 😊 Je n’enregistre pas ce chiffre : pourriez-vous l’estimer à nouveau, ' +
      'par exemple « 2 h par semaine » (ou *passer*) ?',
    gaveUp:
      'Je n’ai toujours pas compris, alors je n’enregistre rien. Vous pourrez l’indiquer plus tard : *adopté {id} gain 2 h par semaine*.',
    skipped: 'Pas de souci. Vous pourrez l’indiquer plus tard : *adopté {id} gain 30 min par semaine*.',
    saved: 'Merci ! J’ai noté que « {title} » vous fait gagner environ {amount} par semaine.',
    replaced: 'C’est noté : votre estimation pour « {title} » est maintenant d’environ {amount} par semaine.',
    own: 'C’est votre propre bricolage : le temps gagné se compte chez les collègues qui l’adoptent 😉',
    notAdopted: 'Pour indiquer le temps gagné, il faut d’abord l’adopter : *adopté {id}*.',
    tooMuchCommand:
      'Plus de 40 h par semaine, c’est plus qu’un temps plein 😊 Je n’enregistre pas ce chiffre. Retapez-le par exemple *adopté {id} gain 2 h par semaine*.',
    unreadable:
      'J’ai bien noté l’adoption, mais pas la durée « {text} ». Écrivez-la par exemple *adopté {id} gain 30 min par semaine*.',
    amountMinutes: '{value} min',
    amountHours: '{value} h',
    quick: {
      quarterWeek: '15 min / semaine',
      hourWeek: '1 h / semaine',
      halfHourDay: '30 min / jour',
      twoHoursMonth: '2 h / mois',
    },
    profile: {
      one: '⏱️ Vos bricolages font gagner environ {amount} par semaine à vos collègues (estimation déclarée par {count} agent).',
      other:
        '⏱️ Vos bricolages font gagner environ {amount} par semaine à vos collègues (estimations déclarées par {count} agents).',
    },
    digest: {
      one: '⏱️ *Temps gagné* : {count} agent a indiqué cette semaine environ {amount} par semaine gagnées ; au total, environ {total} par semaine (estimations déclarées par les agents).',
      other:
        '⏱️ *Temps gagné* : {count} agents ont indiqué cette semaine environ {amount} par semaine gagnées ; au total, environ {total} par semaine (estimations déclarées par les agents).',
    },
  },
  // --- Défis between mairies and the welcome of newcomers (issue 19) ---
  challenge: {
    openUsage:
      'Pour ouvrir un défi entre mairies, tapez *défi ouvrir* suivi de son titre et de sa date de fin, par exemple *défi ouvrir Zéro papier au guichet jusqu’au 15/12*.',
    dateInvalid:
      'Je ne comprends pas la date de fin « {date} ». Écrivez-la jour/mois, par exemple *jusqu’au 15/12* ou *jusqu’au 15/12/2027*.',
    datePast: 'La date de fin {date} est déjà passée : choisissez un jour à venir.',
    dateTooFar: 'Un défi dure au plus un an : choisissez une date de fin plus proche que le {date}.',
    askDescription:
      'Défi « {title} » : décrivez en un message son thème et ce qu’on attend des participants. (*annuler* pour abandonner)',
    promptCancelled: 'D’accord, j’abandonne : aucun défi n’a été ouvert.',
    opened: 'Défi n°{id} « {title} » ouvert jusqu’au {end} inclus, et annoncé dans le canal de la communauté. 🏁',
    announceOpen:
      '🏁 *Nouveau défi entre mairies : {title}*\n{description}\n' +
      'Jusqu’au {end} inclus. Pour participer, publiez un bricolage et rattachez-le au défi : *défi <n°>* au bot en message privé, ou le bouton à la fin de votre publication. ' +
      'Le classement récompense la part des agents de chaque mairie qui participent et les adoptions par d’autres mairies, pas le nombre de bricolages.',
    notAnimator:
      'Désolé, seuls les animateurs et animatrices peuvent ouvrir ou fermer un défi. Vous pouvez en revanche y participer : *défi <n° de votre bricolage>*.',
    closeUsage:
      'Pour fermer un défi avant sa date de fin, tapez *défi fermer* suivi de son numéro, par exemple *défi fermer 2*. Tapez *défis* pour voir ceux qui sont ouverts.',
    unknown: 'Je ne trouve pas de défi ouvert n°{id}. Tapez *défis* pour voir ceux qui sont ouverts.',
    closed: 'Défi n°{id} « {title} » fermé ; son résultat est annoncé dans le canal de la communauté.',
    noneOpen: 'Aucun défi n’est ouvert en ce moment.',
    listHeader: {
      one: '{count} défi ouvert :',
      other: '{count} défis ouverts :',
    },
    listLine: '• n°{id} *{title}* — jusqu’au {end} inclus — {bricolages}',
    bricolageCount: {
      one: '{count} bricolage',
      other: '{count} bricolages',
    },
    usage:
      'Tapez *défis* pour voir les défis ouverts, ou *défi* suivi du numéro de votre bricolage pour y participer, par exemple *défi 12*.',
    bricolageUnknown: 'Je ne trouve pas de bricolage publié n°{id}.',
    notYours: 'Le bricolage n°{id} n’est pas le vôtre : seuls son auteur et les animateurs peuvent le rattacher à un défi.',
    tooOld:
      'Le bricolage n°{id} a été publié avant l’ouverture du défi « {challenge} » : seuls les bricolages publiés pendant le défi comptent.',
    linked: 'Le bricolage n°{id} « {title} » participe maintenant au défi « {challenge} ». Bonne chance à votre mairie ! 🏁',
    alreadyLinked: 'Le bricolage n°{id} participe déjà au défi « {challenge} ».',
    pick: 'Plusieurs défis sont ouverts : auquel rattacher le bricolage n°{id} ?',
    offer: {
      one: 'Un défi entre mairies est en cours. Rattacher votre bricolage n°{id} au défi ?',
      other: '{count} défis entre mairies sont en cours. Rattacher votre bricolage n°{id} à l’un d’eux ?',
    },
    offerDeclined: 'D’accord, il reste hors des défis. Vous pourrez toujours l’y rattacher avec *défi {id}*.',
    buttonNo: 'Non merci',
    threadLinked: '➕ Nouvelle participation : n°{id} « {title} », par {author} — {url}',
    announceResult: '🏆 *Défi terminé : {title}*\n{podium}\n{top}\n{participants}\nTous les résultats : {url}',
    podiumHeader: '*Podium des mairies*',
    podiumLine: '{medal} {mairie} — {score} points',
    noPodium: 'Aucune mairie n’a participé à ce défi.',
    top: 'Bricolage le plus adopté : n°{id} « {title} », par {author} ({adoptions}).',
    adoptions: {
      one: '{count} adoption',
      other: '{count} adoptions',
    },
    noTop: 'Aucun bricolage du défi n’a encore été adopté.',
    participants: {
      one: '{count} agent a participé.',
      other: '{count} agents ont participé.',
    },
    winners: 'Les agents de {mairies} gagnent le badge « Défi ». Bravo !',
    participantResult:
      'Merci d’avoir participé au défi « {title} » ! Votre mairie, {mairie}, termine {rank}. Tous les résultats : {url}',
    participantNoRank: 'Merci d’avoir participé au défi « {title} » ! Tous les résultats : {url}',
    rank: {
      one: '{count}re',
      other: '{count}e',
    },
    digestOpenHeader: '*Défis en cours*',
    digestOpenLine: '• n°{id} {title} — jusqu’au {end} inclus — {bricolages}',
    digestResultsHeader: '*Défis terminés*',
    digestResultLine: '• {title} : {winners} en tête — {url}',
    digestNoWinner: 'aucune mairie',
  },
  welcome: {
    text:
      'Bienvenue {name} ! 👋 Je suis l’agent bricoleur : ici, les agents des mairies partagent leurs bricolages, ces astuces qui facilitent le travail au guichet ou au bureau, et reprennent ceux des autres.\n' +
      'Tapez *nouveau* pour partager le vôtre pas à pas, *chercher <mots>* pour trouver une idée, *aide* pour tout le reste.',
    topHeader: 'Les plus adoptés en ce moment :',
    topLine: '• n°{id} « {title} », {mairie} — {adoptions} — {url}',
    adoptions: {
      one: '{count} adoption',
      other: '{count} adoptions',
    },
    dashboard: '• Nouveaux agents accueillis ce mois-ci : {count}{sample}',
    dashboardNoMairie: 'mairie inconnue',
    share: 'Partager un bricolage',
    gallery: 'Voir la galerie',
  },
  // --- the one pending question (bot/dialog.ts) ---
  dialog: {
    draftWaiting: 'Votre bricolage « {title} » vous attend : tapez *reprendre* pour le continuer.',
  },
  // --- similar bricolages (issue 17): `similaires <n°>`, the suggestion while posting, duplicates --
  similar: {
    usage: 'Donnez le numéro du bricolage, par exemple *similaires 12*.',
    unknown: 'Je ne trouve pas de bricolage publié n°{id}.',
    none: 'Je ne connais pas encore de bricolage proche du n°{id} « {title} ».',
    results: 'Bricolages proches du n°{id} « {title} », d’autres mairies d’abord :\n{list}',
    item: '• n°{id} *{title}* — {mairie} · {likes} · {adoptions}\n  {url}',
    unknownMairie: 'mairie non précisée',
    likes: {
      one: '{count} j’aime',
      other: '{count} j’aime',
    },
    adoptions: {
      one: '{count} adoption',
      other: '{count} adoptions',
    },
    suggestion:
      'Ça ressemble à ce que d’autres ont déjà bricolé 👀\n{list}\nSi l’un d’eux règle votre problème, adoptez-le ; sinon, continuez : votre brouillon est enregistré.',
    adoptButton: 'Je l’adopte (n°{id})',
    continueButton: 'Continuer mon bricolage',
    continued: 'C’est noté, on continue votre bricolage là où vous en étiez.',
    stale: 'Cette suggestion n’est plus en cours. Pour adopter un bricolage, tapez *adopté <n°>*.',
    dashboard: '• Doublons probables (publiés depuis 30 jours, mairies différentes) : {count}{sample}',
  },
};

/** The shape every catalogue must have: the French keys, with any string values. */
export type Catalogue = DeepStrings<typeof fr>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
