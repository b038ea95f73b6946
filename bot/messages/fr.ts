/** Every chat string the bot says, in French (the reference catalogue: `en.ts` mirrors its keys). */
export const fr = {
  help:
    "Je suis le bot de *L'agent bricoleur* 🛠️ Je vous aide à partager vos bricolages avec les collègues des 20 mairies.\n" +
    '• *nouveau* : partager un bricolage, pas à pas, avec photos\n' +
    '• *chercher* <mots> : retrouver un bricolage\n' +
    "• *adopté* <n°> [votre retour] : dire que vous l'avez mis en place dans votre mairie\n" +
    '• *ateliers* : les ateliers de débogage ouverts ; *atelier* <n°> : y rattacher votre bricolage\n' +
    '• *atelier ouvrir* <titre>, *atelier fermer* <n°> : ouvrir ou fermer un atelier (animateurs)\n' +
    '• *langue en* / *langue fr* : changer de langue\n' +
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
  stepSavedWithPhotos: 'Étape {n} enregistrée avec {photos} photo(s).',
  stepNext: 'Envoyez l’étape suivante, ou tapez *terminé*.',
  photosAddedToStep: '{photos} photo(s) ajoutée(s) à l’étape {n}.',
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
  },
  card: {
    problem: 'Le problème',
    steps: 'Les étapes',
    stepCount: '{count} étape(s)',
    category: 'Catégorie',
    byline: 'par {name}',
    bylineMairie: 'par {name}, {mairie}',
    newPost: 'Nouveau bricolage : {title}',
    photoAlt: 'Étape {n}, photo {i}',
  },
  reason: {
    tooLarge: 'il est trop lourd.',
    notImage: 'ce n’est pas une image.',
    unreadable: 'l’image est illisible.',
    downloadFailed: 'je n’ai pas pu le récupérer.',
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
};

/** The shape every catalogue must have: the French keys, with any string values. */
export type Catalogue = DeepStrings<typeof fr>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
